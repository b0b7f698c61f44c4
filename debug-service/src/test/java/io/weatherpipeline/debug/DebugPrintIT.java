package io.weatherpipeline.debug;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.weatherpipeline.proto.Report;
import io.weatherpipeline.proto.ReportCodec;
import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.Ports;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCommand;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * The packaged debug service as a process, its stdout and stderr read apart: started before its topic
 * exists, it prints one parseable line per message with the partition the message was sent to, and
 * nothing else on stdout; a poison value goes to stderr and printing goes on; a second instance in
 * group debug takes over some partitions.
 */
class DebugPrintIT {

    private static final Path WORK = Path.of("target/debug-it").toAbsolutePath();
    private static final Path JAR = Path.of(ServiceCommand.JAR).toAbsolutePath();
    private static final Pattern LINE = Pattern.compile(
            "\\{'station_id': '(Station\\w+)', 'date': '(\\d{4}-\\d\\d-\\d\\d)', 'degrees': (-?[\\d.e+-]+), 'partition': (\\d)}");

    @Test
    void printsEveryMessageOnceWithItsPartitionAndNothingElse() throws Exception {
        LocalStack.deleteTree(WORK);
        Files.createDirectories(WORK);
        String kafka = SharedStack.ensure(Server.KAFKA).settings().kafkaBootstrapServers();
        Debug first = Debug.start("first", kafka);
        Debug second = null;
        try {
            first.awaitStderr("temperatures", Duration.ofSeconds(60));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                admin.createTopics(List.of(new NewTopic("temperatures", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            // A new group starts at the end: send only once the instance holds all four partitions.
            await().atMost(Duration.ofSeconds(60)).until(() -> first.assignedResets() >= 4);

            Map<String, Integer> expected = new HashMap<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer())) {
                send(producer, expected, 0, 200);
                producer.send(new ProducerRecord<>("temperatures", 2, "Poison", new byte[] {1, 2, 3})).get();
                send(producer, expected, 200, 20);
                await().atMost(Duration.ofSeconds(60)).until(() -> first.stdout().size() >= expected.size());
                assertLinesAre(expected, first.stdout());
                assertTrue(first.stderr().contains("Skipped:") && first.stderr().contains("partition 2"),
                        "the poison value is not reported on stderr:\n" + first.stderr());

                // A second instance of group debug: the broker shares the partitions between the two.
                second = Debug.start("second", kafka);
                Debug two = second;
                await().atMost(Duration.ofSeconds(90)).until(() -> two.assignedResets() >= 1);
                Map<String, Integer> more = new HashMap<>();
                send(producer, more, 1000, 200);
                await().atMost(Duration.ofSeconds(60)).until(
                        () -> first.stdout().size() + two.stdout().size() >= expected.size() + more.size());
                List<String> newLines = new ArrayList<>(first.stdout().subList(expected.size(), first.stdout().size()));
                newLines.addAll(two.stdout());
                assertLinesAre(more, newLines);
                assertTrue(!two.stdout().isEmpty() && first.stdout().size() > expected.size(),
                        "both instances should print part of the new messages: first " + (first.stdout().size()
                                - expected.size()) + ", second " + two.stdout().size());
            }
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
    }

    /** Sends n readings to partitions 0..3 in turn; expected line → partition. */
    private static void send(KafkaProducer<String, byte[]> producer, Map<String, Integer> expected, int from, int n)
            throws Exception {
        for (int i = from; i < from + n; i++) {
            int partition = i % 4;
            String station = "Station" + (char) ('A' + i % 10);
            Report r = Report.newBuilder().setStationId(station)
                    .setDate(java.time.LocalDate.of(2000, 1, 1).plusDays(i).toString())
                    .setDegrees(Math.round((i * 0.37 - 20) * 1e4) / 1e4).build();
            producer.send(new ProducerRecord<>("temperatures", partition, station, ReportCodec.encode(r))).get();
            expected.put(ReportLine.format(r, partition), partition);
        }
    }

    private static void assertLinesAre(Map<String, Integer> expected, List<String> lines) {
        Map<String, Integer> seen = new HashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "not a debug line: '" + line + "'");
            seen.merge(line, 1, Integer::sum);
        }
        assertEquals(expected.size(), lines.size(), "lines printed");
        assertEquals(expected.keySet(), seen.keySet());
        seen.forEach((line, count) -> assertEquals(1, count, "printed twice: " + line));
    }

    /** The packaged service with stdout and stderr in separate files. */
    private static final class Debug {
        private final Process process;
        private final Path out;
        private final Path err;

        private Debug(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Debug start(String name, String kafka) throws IOException {
            Path out = WORK.resolve(name + ".stdout");
            Path err = WORK.resolve(name + ".stderr");
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
                // Dies with this test JVM, whatever kills it.
                cmd.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
            }
            // Its own stdout and stderr files (ServiceProcess merges them): the test reads each on its own.
            cmd.addAll(ServiceCommand.of(JAR));
            ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            b.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            b.environment().put("QUARKUS_HTTP_PORT", String.valueOf(Ports.free()));
            return new Debug(b.start(), out, err);
        }

        List<String> stdout() throws IOException {
            String text = Files.readString(out);
            int complete = text.lastIndexOf('\n') + 1;
            return text.isEmpty() ? List.of() : List.of(text.substring(0, complete).split("\n"));
        }

        String stderr() throws IOException {
            return Files.readString(err);
        }

        /** Partition assignments logged since start, each with the position printing starts from. */
        long assignedResets() throws IOException {
            return stderr().lines().filter(l -> l.matches(".*Partition \\d assigned: printing from offset \\d+.*")).count();
        }

        void awaitStderr(String text, Duration timeout) throws Exception {
            await().atMost(timeout).until(() -> {
                assertTrue(process.isAlive(), "debug-service exited:\n" + stderr());
                return stderr().contains(text);
            });
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
