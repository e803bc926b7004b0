package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.CloudException;
import dev.rolelab.cloud.Identity;
import dev.rolelab.gui.pages.AccountViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.LedgerStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Account page's logic, without a window. */
class AccountViewModelTest {

    @TempDir
    Path data;

    /** A cloud that answers identity() for one profile and refuses the others, as STS would. */
    private static Cloud account(String profile) {
        return (Cloud) Proxy.newProxyInstance(Cloud.class.getClassLoader(), new Class<?>[] {Cloud.class}, (p, m, a) -> {
            if (m.getName().equals("identity")) {
                if ("expired-sso".equals(profile)) {
                    throw new CloudException(CloudException.Kind.CREDENTIALS, "ExpiredToken", "GetCallerIdentity",
                            "the SSO session of this profile has expired", "sign in again", null);
                }
                return new Identity("111122223333", "arn:aws:iam::111122223333:user/ada", "AIDAEXAMPLE");
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    @Test
    void aProfileWithAnExpiredSsoSessionSaysWhatToRunAndAGoodOneShowsWhoYouAre() {
        Map<String, Boolean> profiles = new LinkedHashMap<>();
        profiles.put("work", false);
        profiles.put("expired-sso", true);
        WizardModel model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> account(profile), c -> null, c -> null,
                () -> Map.of("us-east-1", "US East (N. Virginia)", "eu-west-1", "Europe (Ireland)"), () -> profiles, () -> true));
        model.practiceProperty().set(false);
        AccountViewModel vm = new AccountViewModel(model);
        vm.enter();
        assertTrue(vm.lead().contains("uses your AWS credentials"), vm.lead());
        assertEquals(3, vm.profiles().size(), "the default chain and two profiles");
        assertEquals("Europe (Ireland) — eu-west-1", vm.regionLabel("eu-west-1"));
        assertTrue(vm.valid().get());
        assertEquals("Account 111122223333 as arn:aws:iam::111122223333:user/ada", vm.whoProperty().get());

        vm.chooseProfile("expired-sso");
        assertFalse(vm.valid().get());
        assertTrue(vm.failedProperty().get());
        assertTrue(vm.whoProperty().get().contains("ExpiredToken"), vm.whoProperty().get());
        assertTrue(vm.whoProperty().get().endsWith("(for this SSO profile: aws sso login --profile expired-sso)"), vm.whoProperty().get());
        assertEquals("expired-sso  (SSO)", vm.profileLabel("expired-sso"));
    }

    @Test
    void inPracticeThePageDoesNotSayItUsesYourCredentials() {
        WizardModel model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> account(profile), c -> null, c -> null, Map::of, Map::of, () -> true));
        model.practiceProperty().set(true);
        AccountViewModel vm = new AccountViewModel(model);
        assertFalse(vm.lead().contains("your AWS credentials"), vm.lead());
        assertTrue(vm.lead().contains("simulated") && vm.lead().contains("nothing is sent to AWS"), vm.lead());
    }
}
