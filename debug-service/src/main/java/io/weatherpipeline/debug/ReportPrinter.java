package io.weatherpipeline.debug;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.weatherpipeline.proto.MalformedReportException;
import io.weatherpipeline.proto.ReportCodec;

/**
 * Prints every message of topic {@code temperatures} as one line on stdout ({@link ReportLine}).
 * Consumer group {@code debug}, partitions assigned by the broker, starting where the group left off
 * (a new group starts at the end). Logs go to stderr, so stdout carries nothing but these lines; a
 * value that is not a Report is reported on stderr and skipped.
 */
@ApplicationScoped
public class ReportPrinter {

    /** The incoming channel, configured under {@code mp.messaging.incoming.temperatures.*}. */
    public static final String CHANNEL = "temperatures";

    private static final Logger LOG = Logger.getLogger(ReportPrinter.class);

    // Straight to file descriptor 1, buffered and flushed once per poll: not System.out, which
    // logging or libraries could also write to.
    private final PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
            1 << 16), false, StandardCharsets.UTF_8);
    private final Counter printed;
    private final Counter malformed;

    ReportPrinter(MeterRegistry registry) {
        this.printed = registry.counter("debug.messages.printed");
        this.malformed = registry.counter("debug.messages.malformed");
    }

    @Incoming(CHANNEL)
    @Blocking
    public void print(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                out.println(ReportLine.format(ReportCodec.decode(r.value(), r.topic(), r.partition(), r.offset()),
                        r.partition()));
                printed.increment();
            } catch (MalformedReportException e) {
                malformed.increment();
                LOG.errorf("Skipped: %s", e.getMessage());
            }
        }
        out.flush();
    }
}
