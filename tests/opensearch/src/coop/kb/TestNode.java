package coop.kb;

import java.nio.file.Path;
import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;
import org.opensearch.transport.TransportService;

/**
 * An OpenSearch node for the tests, with its plugins loaded from the classpath (no plugin
 * descriptors, no security manager). Arguments are settings, `key=value`. Once started it prints
 * one line, `KB-TEST-NODE http=<host:port> transport=<host:port>`, and runs until it is killed or
 * the process named by -Dkb.owner.pid ends.
 */
public final class TestNode extends Node {
    private TestNode(Settings settings) {
        super(
            InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null, () -> settings.get("node.name")),
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class),
            true
        );
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder settings = Settings.builder();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        String owner = System.getProperty("kb.owner.pid"); // the test run: the node never outlives it
        if (owner != null) {
            ProcessHandle.of(Long.parseLong(owner))
                .ifPresentOrElse(run -> run.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        Node node = new TestNode(settings.build()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            }
        }));
        String http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().toString();
        String transport = node.injector().getInstance(TransportService.class).boundAddress().publishAddress().toString();
        System.out.println("KB-TEST-NODE http=" + http + " transport=" + transport);
        System.out.flush();
        Thread.currentThread().join(); // the node's threads are daemons: keep the JVM alive
    }
}
