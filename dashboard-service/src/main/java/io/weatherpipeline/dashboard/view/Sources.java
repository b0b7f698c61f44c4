package io.weatherpipeline.dashboard.view;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The latest outcome of every source the page is made of, as the refresher holds them at one instant.
 *
 * @param services each service's readiness, by name, in the page's order
 * @param serviceUrls each service's base URL, by name (a consumer's name is {@code consumer} or
 *     {@code consumer-N} when there are several)
 * @param stations generator-service's stations
 * @param table table {@code temperatures}, read by the dashboard itself (also MariaDB's health)
 * @param endOffsets the topic's read_committed end offset per partition (also Kafka's health)
 * @param dataNodes live DataNodes by the NameNode (also HDFS's health)
 * @param checkpoints each consumer's partitions, by consumer name
 * @param rowsWritten each consumer's {@code consumer_rows_written_total}, by consumer name
 * @param months stats-service's month averages
 * @param alerts alerts-service's newest alerts
 * @param alertCounts alerts-service's alerts per station
 * @param windows windows-service's last closed windows, with counts per station
 * @param openWindow windows-service's window still open
 */
public record Sources(Map<String, Outcome<Health>> services, Map<String, String> serviceUrls,
        Outcome<List<Station>> stations, Outcome<SourceRows> table, Outcome<SortedMap<Integer, Long>> endOffsets,
        Outcome<Integer> dataNodes, Map<String, Outcome<List<Checkpoint>>> checkpoints,
        Map<String, Outcome<Double>> rowsWritten, Outcome<MonthTable> months, Outcome<List<Alert>> alerts,
        Outcome<SortedMap<String, Long>> alertCounts, Outcome<List<WindowCounts>> windows,
        Outcome<WindowCounts> openWindow) {
}
