package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Ledger;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.practice.PracticeCloud;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared state of the pages, without a window. */
class WizardModelTest {

    @TempDir
    Path data;

    private Services services(List<Cloud> opened) {
        return new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(), (practice, region, profile) -> {
            Cloud c = closable(new PracticeCloud(data.resolve("practice/account.json"), region, PracticeCloud.Timing.INSTANT));
            opened.add(c);
            return c;
        }, c -> null, c -> null, Map::of, Map::of, () -> false);
    }

    private final Set<Object> closed = new HashSet<>();

    /** The practice cloud, closable (as the AWS one is), remembering when it was closed. */
    private Cloud closable(PracticeCloud inner) {
        return (Cloud) Proxy.newProxyInstance(Cloud.class.getClassLoader(), new Class<?>[] {Cloud.class, AutoCloseable.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        closed.add(proxy);
                        return null;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "closable " + inner;
                        };
                    }
                    return method.invoke(inner, args);
                });
    }

    @Test
    void resumeRebuildsTheSpecTheLabWasMadeWithNotTheDefaults() {
        LabSpec made = LabSpec.builder().region("eu-west-1").sshCidr("198.51.100.4/32").instanceType("t4g.micro")
                .name(ResourceKind.REPOSITORY, "ec2-ecr-test-2").name(ResourceKind.ROLE, "containerise-3")
                .name(ResourceKind.POLICY, "ECRContainerise-2").name(ResourceKind.INSTANCE_PROFILE, "containerise-3")
                .name(ResourceKind.SECURITY_GROUP, "rolelab-ssh-2").name(ResourceKind.INSTANCE, "rolelab-box").name(ResourceKind.KEY_PAIR, "my-key")
                .key(KeyChoice.generate("my-key")).image("my-image").tag("v7")
                .dockerfile("FROM alpine:3.20\nCMD [\"echo\", \"hi\"]\n").build();
        Ledger ledger = new LedgerStore(data).create(made, "training", null, false);

        WizardModel model = new WizardModel(services(new ArrayList<>()));
        model.resume(ledger);

        LabSpec resumed = model.spec();
        assertEquals(made.names(), resumed.names(), "pushes to and proves the lab's own repository");
        assertEquals(made.dockerfile(), resumed.dockerfile());
        assertEquals(made.image() + ":" + made.tag(), resumed.image() + ":" + resumed.tag());
        assertEquals(made.region(), resumed.region());
        assertEquals(made.instanceType(), resumed.instanceType());
        assertEquals(made.key(), resumed.key());
        assertEquals(made.sshCidr(), resumed.sshCidr());
        assertEquals(made, resumed);
        assertEquals("training", model.profileProperty().get());
        assertEquals(false, model.practice());
        assertEquals(ledger, model.ledgerProperty().get());
    }

    @Test
    void aCloudForAnEarlierChoiceIsClosedWhenTheChoiceChanges() {
        List<Cloud> opened = new ArrayList<>();
        WizardModel model = new WizardModel(services(opened));
        Cloud first = model.cloud();
        assertEquals(first, model.cloud(), "reused while the choice holds");
        model.regionProperty().set("eu-west-1");
        Cloud second = model.cloud();
        assertTrue(closed.contains(first), "the replaced cloud is closed");
        assertTrue(!closed.contains(second), "the one in use is open");
        assertEquals(2, opened.size());
        model.closeCloud();
        assertTrue(closed.contains(second));
    }

    @Test
    void theModelHasNoPublicFields() {
        assertTrue(Arrays.stream(WizardModel.class.getDeclaredFields())
                .noneMatch(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())),
                "state is exposed as typed properties");
    }
}
