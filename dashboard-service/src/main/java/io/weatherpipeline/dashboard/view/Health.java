package io.weatherpipeline.dashboard.view;

import java.util.Map;

/**
 * A service's answer to {@code /q/health/ready}.
 *
 * @param ready true on 200
 * @param detail what it waits for when not ready (its checks' {@code waiting_for} or {@code error}, else the
 *     names of the checks that are down); null when ready
 * @param data every check's data, merged (e.g. the producer's {@code last_sent_row_id})
 */
public record Health(boolean ready, String detail, Map<String, Object> data) {
}
