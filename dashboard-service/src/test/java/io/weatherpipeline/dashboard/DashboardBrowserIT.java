package io.weatherpipeline.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weatherpipeline.stack.LocalStack;
import io.weatherpipeline.stack.StackSettings;
import io.weatherpipeline.stack.StackSettings.Server;
import io.weatherpipeline.stack.launcher.ServiceCatalog;
import io.weatherpipeline.stack.launcher.ServiceCommand;
import io.weatherpipeline.testsupport.MariaDbQuery;
import io.weatherpipeline.testsupport.ServiceProcess;
import io.weatherpipeline.testsupport.SharedStack;

/**
 * The page in a real browser (Debian's headless Chromium through its chromedriver) over the real
 * pipeline: Kafka, MariaDB and HDFS, and every packaged service of {@link ServiceCatalog} with the
 * environment {@code ./weather up} gives it, plus this dashboard's own packaged jar. The numbers the page
 * shows must equal what the services' APIs and table {@code temperatures} answer, change without a
 * reload when new data arrives, follow the add-station form and the stop button, and a killed service
 * (and a frozen one, which never answers) must show as down while the rest keeps updating. alerts-service and windows-service are used when
 * their jars are built; otherwise their panels' checks are skipped with a message saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target/dashboard-it").toAbsolutePath();
    /** The screenshot the README shows (copied to docs/dashboard.png by hand when the page changes). */
    static final Path SCREENSHOT = Path.of("target/dashboard.png").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);
    /** The promise: the page follows the data within 2 s; the waits allow for a loaded 2-core machine. */
    private static final Duration LIVE = Duration.ofSeconds(6);
    private static final List<String> OPTIONAL = List.of("alerts", "windows");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static StackSettings mysql;
    private static final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private static ServiceProcess dashboard;
    private static ChromeDriver browser;
    /** As under ./weather up, write endpoints need a token. */
    private static final String TOKEN = "dashboard-it-token-0123456789";
    private static final Map<String, String> LAUNCHER_ENV = Map.of(ServiceCatalog.API_TOKEN_ENV, TOKEN);

    @BeforeAll
    static void startEverything() throws Exception {
        LocalStack.deleteTree(WORK);
        mysql = SharedStack.ensure(Server.MARIADB).settings();
        StackSettings kafka = SharedStack.ensure(Server.KAFKA).settings();
        StackSettings hdfs = SharedStack.ensure(Server.HDFS).settings();
        // One view of the three shared servers, so each service gets the environment ./weather up gives it.
        StackSettings stack = new StackSettings(WORK, EnumSet.allOf(Server.class), kafka.kafkaPort(),
                kafka.kafkaControllerPort(), mysql.mysqlPort(), hdfs.nameNodePort(), hdfs.nameNodeHttpPort(),
                hdfs.dataNodes(), mysql.database(), mysql.user(), mysql.password());
        Map<String, String> urls = new LinkedHashMap<>();
        for (ServiceCatalog.Service s : services()) {
            Path jar = ServiceCommand.jarOf(ROOT, s.module());
            if (OPTIONAL.contains(s.name()) && !Files.exists(jar)) {
                System.out.println("dashboard IT: " + jar + " is not built: its panel is not checked");
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(s.environment(stack, LAUNCHER_ENV));
            env.putAll(overrides(s.name()));
            ServiceProcess p = ServiceProcess.start(s.name(), jar, env, WORK);
            running.put(s.name(), p);
            urls.put(s.name(), p.url());
        }
        Map<String, String> env = new LinkedHashMap<>(ServiceCatalog.named("dashboard").environment(stack, LAUNCHER_ENV));
        // The processes listen on free ports, not the catalog's.
        urls.forEach((name, url) -> env.put(name.equals("consumer") ? "DASHBOARD_CONSUMER_URLS"
                : "DASHBOARD_" + name.toUpperCase(java.util.Locale.ROOT) + "_URL", url));
        for (String name : OPTIONAL) {
            // Not built: a port nothing listens on, so the page shows it as down.
            env.putIfAbsent("DASHBOARD_" + name.toUpperCase(java.util.Locale.ROOT) + "_URL",
                    "http://localhost:" + io.weatherpipeline.stack.Ports.free());
        }
        dashboard = ServiceProcess.start("dashboard", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(),
                env, WORK);
        for (ServiceProcess p : running.values()) {
            p.awaitStarted(START);
        }
        dashboard.awaitStarted(START);
        browser = browser();
        browser.get(dashboard.url() + "/");
    }

    /**
     * The catalog's services but the dashboard, and alerts- and windows-service also while the catalog
     * does not list them yet (then with the servers they need, as the catalog would give them).
     */
    private static List<ServiceCatalog.Service> services() {
        List<ServiceCatalog.Service> out = new java.util.ArrayList<>(ServiceCatalog.ALL.stream()
                .filter(s -> !s.name().equals("dashboard")).toList());
        if (out.stream().noneMatch(s -> s.name().equals("alerts"))) {
            out.add(new ServiceCatalog.Service("alerts", "alerts-service", 8086, EnumSet.of(Server.KAFKA, Server.MARIADB),
                    (stack, env) -> Map.of()));
        }
        if (out.stream().noneMatch(s -> s.name().equals("windows"))) {
            out.add(new ServiceCatalog.Service("windows", "windows-service", 8087, EnumSet.of(Server.KAFKA, Server.HDFS),
                    (stack, env) -> Map.of("WINDOWS_HDFS_URI", stack.hdfsUri(),
                            "KAFKA_STREAMS_STATE_DIR", stack.workDir().resolve("windows-state").toString())));
        }
        return out;
    }

    /** Settings that make the test quick: flush and window often, notice a killed instance soon. */
    private static Map<String, String> overrides(String service) {
        return switch (service) {
            case "consumer" -> Map.of(
                    "CONSUMER_HDFS_DATA_DIR", "/dashboard-it/data",
                    "CONSUMER_FLUSH_MAX_AGE", "2s",
                    "MP_MESSAGING_INCOMING_TEMPERATURES_SESSION_TIMEOUT_MS", "6000");
            case "producer" -> Map.of("PRODUCER_BATCH_SIZE", "2000");
            case "windows" -> Map.of("WINDOWS_SIZE", "10s", "WINDOWS_GRACE", "2s", "WINDOWS_HDFS_DIR", "/dashboard-it/windows");
            default -> Map.of();
        };
    }

    private static ChromeDriver browser() throws IOException {
        // Debian's chromedriver and chromium: Selenium downloads nothing.
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1400,2000",
                "--user-data-dir=" + Files.createTempDirectory(WORK, "chromium-"));
        return new ChromeDriver(options);
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.stop();
        }
        running.values().forEach(ServiceProcess::stop);
    }

    @Test
    @Order(1)
    void aStationsLatestReadingIsItsNewestRowInTheTable() throws Exception {
        await().atMost(START).pollInterval(Duration.ofMillis(300)).until(() -> !text("tr[data-station='StationA'] .date")
                .equals("–") && !text("tr[data-station='StationA'] .degrees").equals("–"));
        // Read together, from one snapshot.
        List<String> shown = texts("tr[data-station='StationA'] .date", "tr[data-station='StationA'] .degrees");
        LocalDate day = LocalDate.parse(shown.get(0));
        double degrees = Double.parseDouble(shown.get(1));
        double stored = Double.parseDouble(MariaDbQuery.rows(mysql,
                "SELECT degrees FROM temperatures WHERE station_id = 'StationA' AND date = '" + day + "'").get(0));
        assertEquals(stored, degrees, 0.005 + 1e-9, "StationA on " + day + ": page vs table temperatures");
        LocalDate newest = LocalDate.parse(MariaDbQuery.rows(mysql,
                "SELECT MAX(date) FROM temperatures WHERE station_id = 'StationA'").get(0));
        // The generator writes 10 days a second: a page at most a few seconds behind is a few dozen days behind.
        long behind = ChronoUnit.DAYS.between(day, newest);
        assertTrue(behind >= 0 && behind <= 60, "the page shows " + day + ", the table's newest day is " + newest);
        assertEquals("active", text("tr[data-station='StationA'] .state"));
    }

    @Test
    @Order(2)
    void aPartitionsOffsetIsTheConsumersCheckpoint() {
        await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
            String shown = text("tr[data-partition='0'] .offset").replace(",", "");
            JsonNode partitions = getJson(running.get("consumer").url() + "/partitions");
            for (JsonNode p : partitions) {
                if (p.path("partition").asInt() == 0 && p.has("offset")) {
                    return shown.equals(p.get("offset").asText()) && p.get("offset").asLong() > 0;
                }
            }
            return false;
        });
        String lag = text("tr[data-partition='0'] .lag").replace(",", "");
        assertTrue(lag.matches("\\d+"), "lag of partition 0 is a number: " + lag);
    }

    @Test
    @Order(3)
    void aMonthAverageIsStatsServicesSumOverCount() {
        await().atMost(START).pollInterval(Duration.ofMillis(300))
                .until(() -> browser.findElements(By.cssSelector("#month-table .avg-item")).size() >= 5);
        new Select(browser.findElement(By.id("month-select"))).selectByVisibleText("January");
        await().atMost(LIVE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode stats = getJson(running.get("stats").url() + "/stats");
            int year = -1;
            for (JsonNode station : stats) {
                for (var it = station.path("January").fieldNames(); it.hasNext();) {
                    year = Math.max(year, Integer.parseInt(it.next()));
                }
            }
            JsonNode entry = stats.path("StationB").path("January").path(String.valueOf(year));
            double expected = entry.path("sum").asDouble() / entry.path("count").asDouble();
            assertTrue(text("#month-head").startsWith("January " + year), text("#month-head"));
            double shown = Double.parseDouble(text("#month-table [data-station='StationB'] .avg"));
            assertEquals(expected, shown, 0.005 + 1e-9, "StationB, January " + year);
        });
        assertTrue(browser.findElement(By.id("svg-link")).getAttribute("href").endsWith("plot/month.svg?months=January,February,March"));
    }

    @Test
    @Order(4)
    void theAlertsPanelShowsAlertsServicesNewestAlertAndCounts() {
        ServiceProcess alerts = optional("alerts");
        await().atMost(START).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode newest = firstOf(getJson(alerts.url() + "/alerts?limit=15"), "alerts");
            assertTrue(newest != null, "alerts-service has no alert yet");
            List<String> row = texts("#alert-table tbody tr:first-child .station",
                    "#alert-table tbody tr:first-child .date", "#alert-table tbody tr:first-child .degrees");
            assertEquals(newest.path("station_id").asText(), row.get(0));
            assertEquals(newest.path("date").asText(), row.get(1));
            assertEquals(newest.path("degrees").asDouble(), Double.parseDouble(row.get(2)), 0.005 + 1e-9);
        });
    }

    @Test
    @Order(5)
    void theWindowsPanelShowsWindowsServicesCounts() {
        ServiceProcess windows = optional("windows");
        // A closed window never changes: its count on the page must be the API's exactly.
        await().atMost(START).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            String id = attribute("#window-table tbody tr:first-child", "data-window");
            assertTrue(id != null, "no closed window on the page yet; windows-service lists "
                    + getJson(windows.url() + "/windows?last=3"));
            String total = text("#window-table tbody tr[data-window='" + id + "'] .total").replace(",", "");
            JsonNode window = getJson(windows.url() + "/window?id=" + id);
            assertEquals(window.path("total").asLong(), Long.parseLong(total), "records of window " + id);
        });
        // The open one grows between the page's refresh and this read: the page may be behind, never ahead.
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            String id = attribute("#open-window .total", "data-window");
            assertTrue(id != null, "no open window on the page");
            long shown = Long.parseLong(text("#open-window .total").replace(" records", "").replace(",", ""));
            long now = -1;
            for (JsonNode w : getJson(windows.url() + "/windows/open").path("windows")) {
                if (w.path("id").asText().equals(id)) {
                    now = w.path("total").asLong();
                }
            }
            assertTrue(now >= 0, "window " + id + " is no longer open");
            assertTrue(shown > 0 && shown <= now, "open window " + id + ": page " + shown + ", windows-service " + now);
        });
    }

    @Test
    @Order(6)
    void numbersChangeWhenNewDataArrivesWithoutAReload() {
        JavascriptExecutor js = browser;
        js.executeScript("window.__noReload = 'still the same page';");
        String day = text("tr[data-station='StationA'] .date");
        String newest = text("#mysql-newest");
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() ->
                !text("tr[data-station='StationA'] .date").equals(day) && !text("#mysql-newest").equals(newest));
        assertEquals("still the same page", js.executeScript("return window.__noReload;"));
    }

    @Test
    @Order(7)
    void aStationAddedThroughTheFormAppearsAndTheStopButtonStopsIt() throws Exception {
        String generator = running.get("generator").url();
        String invalid = "bad id!";
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(URI.create(generator + "/stations"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"station_id\":\"" + invalid + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, direct.statusCode(), direct.body());
        String apiError = JSON.readTree(direct.body()).path("error").asText();
        // Without the token the page says what it needs; with it, the generator's own answers come through.
        submitStation("StationNoToken");
        await().atMost(LIVE).until(() -> attribute("#add-result", "class").contains("error"));
        assertTrue(text("#add-result").contains("needs the header 'Authorization: Bearer <token>'"), text("#add-result"));
        assertTrue(stationActive(generator, "StationNoToken").isEmpty(), "no station added without the token");
        browser.findElement(By.id("api-token")).sendKeys(TOKEN);
        submitStation(invalid);
        await().atMost(LIVE).until(() -> text("#add-result").equals(apiError));
        assertTrue(attribute("#add-result", "class").contains("error"), "the page shows generator-service's own error text");

        String station = "StationIT" + (System.currentTimeMillis() % 100_000);
        submitStation(station);
        String row = "tr[data-station='" + station + "']";
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() ->
                text(row + " .state").equals("active"));
        assertTrue(stationActive(generator, station).orElseThrow(), station + " is active in generator-service");
        await().atMost(LIVE).pollInterval(Duration.ofMillis(200)).until(() -> !text(row + " .degrees").equals("–"));

        await().atMost(LIVE).ignoreException(StaleElementReferenceException.class).until(() -> {
            browser.findElement(By.cssSelector(row + " button[data-stop]")).click();
            return true;
        });
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() -> text(row + " .state").equals("stopped"));
        assertFalse(stationActive(generator, station).orElseThrow(), station + " is stopped in generator-service");
    }

    /**
     * The dashboard's own endpoints against bad input: the write token first, then the generator's and
     * stats-service's refusals come back as they are (4xx with their error text), and nothing is added.
     */
    @Test
    @Order(8)
    void badRequestsToTheDashboardGetClearAnswers() throws Exception {
        record Case(String method, String path, String body, boolean token, int status, String says) {
        }
        String generator = running.get("generator").url();
        List<Case> cases = new java.util.ArrayList<>(List.of(
                new Case("POST", "/api/stations", "{\"station_id\":\"StationX\"}", false, 401,
                        "needs the header 'Authorization: Bearer <token>'"),
                new Case("DELETE", "/api/stations/StationA", null, false, 401, "needs the header"),
                new Case("POST", "/api/stations", "", true, 400, "the body is empty"),
                new Case("POST", "/api/stations", "station_id=StationX", true, 415, ""),
                new Case("POST", "/api/stations", "{\"station_id\": 7}", true, 400, "no text field station_id"),
                new Case("POST", "/api/stations", "{\"station_id\":\"Station X\"}", true, 400, "may contain only letters"),
                new Case("POST", "/api/stations", "{\"station_id\":\"" + "x".repeat(65) + "\"}", true, 400,
                        "at most 64 characters"),
                new Case("POST", "/api/stations", "{\"station_id\":\"" + "x".repeat(20_000) + "\"}", true, 413, ""),
                new Case("DELETE", "/api/stations/Station%20X", null, true, 400, "may contain only letters"),
                new Case("DELETE", "/api/stations/NoSuchStation", null, true, 404, "no active station NoSuchStation")));
        if (running.containsKey("stats")) {
            cases.add(new Case("GET", "/plot/month.svg?months=Smarch", null, false, 400, "Smarch"));
        }
        int stations = getJson(generator + "/stations").size();
        for (Case c : cases) {
            // HTTP/1.1 as curl and browsers send a form: over an h2c upgrade, a body over the limit ends the connection.
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dashboard.url() + c.path()))
                    .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(20));
            if (c.token()) {
                b.header("Authorization", "Bearer " + TOKEN);
            }
            switch (c.method()) {
                case "POST" -> b.header("Content-Type", c.body().startsWith("{") || c.body().isEmpty()
                        ? "application/json" : "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(c.body()));
                case "DELETE" -> b.DELETE();
                default -> b.GET();
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(c.status(), r.statusCode(), c + " answered " + r.body());
            if (!c.says().isEmpty()) {
                assertTrue(JSON.readTree(r.body()).path("error").asText().contains(c.says()), c + " answered " + r.body());
            }
        }
        assertEquals(stations, getJson(generator + "/stations").size(), "no station added or lost by bad requests");
        assertEquals("active", text("tr[data-station='StationA'] .state"), "StationA was not stopped");
    }

    @Test
    @Order(9)
    void screenshot() throws IOException {
        await().atMost(LIVE).until(() -> !text("#rates").isEmpty());
        // The whole page: the window as tall as the document (headless Chromium keeps ~150 px for itself).
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(1400, (int) Math.min(4000, height + 160)));
        await().atMost(LIVE).until(() -> ((Number) browser.executeScript("return window.innerHeight;")).longValue() >= height
                || browser.manage().window().getSize().getHeight() >= 4000);
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot " + SCREENSHOT);
        System.out.println("dashboard IT: screenshot " + SCREENSHOT);
    }

    @Test
    @Order(10)
    void aKilledServiceShowsAsDownAndTheRestKeepsUpdating() {
        assertEquals("up", chipState("stats"));
        running.get("stats").kill9();
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() -> "down".equals(chipState("stats")));
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() ->
                text("#months .problems").startsWith("stats-service: not running"));
        String day = text("tr[data-station='StationA'] .date");
        String offset = text("#producer-sent");
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() ->
                !text("tr[data-station='StationA'] .date").equals(day) && !text("#producer-sent").equals(offset));
        assertEquals("up", chipState("generator"));
        assertEquals("up", chipState("kafka"));
        // The last statistics stay on the page, with the reason beside them.
        assertFalse(browser.findElements(By.cssSelector("#month-table .avg-item")).isEmpty());
    }

    @Test
    @Order(11)
    void aServiceThatHangsShowsAsNotAnsweringAndDelaysNothingElse() throws Exception {
        ServiceProcess debug = running.get("debug");
        assertEquals("up", chipState("debug"));
        // SIGSTOP: the kernel still accepts its connections, nothing answers them.
        debug.freeze(true);
        try {
            await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() -> "down".equals(chipState("debug")));
            String why = attribute("#components [data-component='debug']", "title");
            assertTrue(why.contains("no answer within 1500 ms"), why);
            String day = text("tr[data-station='StationA'] .date");
            String offset = text("#producer-sent");
            await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() ->
                    !text("tr[data-station='StationA'] .date").equals(day) && !text("#producer-sent").equals(offset));
            assertEquals("up", chipState("producer"));
        } finally {
            debug.freeze(false);
        }
        await().atMost(LIVE).pollInterval(Duration.ofMillis(100)).until(() -> "up".equals(chipState("debug")));
    }

    private static ServiceProcess optional(String name) {
        ServiceProcess p = running.get(name);
        Assumptions.assumeTrue(p != null, name + "-service is not built ("
                + ServiceCommand.jarOf(ROOT, name + "-service") + " is missing): its panel is not checked");
        return p;
    }

    private static void submitStation(String id) {
        WebElement input = browser.findElement(By.id("station-id"));
        input.clear();
        input.sendKeys(id);
        browser.findElement(By.cssSelector("#add-station button[type=submit]")).click();
    }

    private static Optional<Boolean> stationActive(String generator, String id) throws Exception {
        for (JsonNode s : getJson(generator + "/stations")) {
            if (s.path("station_id").asText().equals(id)) {
                return Optional.of(s.path("active").asBoolean());
            }
        }
        return Optional.empty();
    }

    private static String chipState(String component) {
        return attribute("#components [data-component='" + component + "']", "data-state");
    }

    /**
     * The text of the first element matching {@code css}, "" when there is none. Read by a script: the page
     * replaces its rows at every update, so a Selenium element reference could be stale by the next call.
     */
    private static String text(String css) {
        Object t = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.textContent.trim() : '';", css);
        return String.valueOf(t);
    }

    /** An attribute of the first element matching {@code css}, null when there is none. */
    private static String attribute(String css, String name) {
        Object v = browser.executeScript("const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute(arguments[1]) : null;", css, name);
        return v == null ? null : String.valueOf(v);
    }

    /** Several texts read in one script, so they come from the same rendering of the page. */
    @SuppressWarnings("unchecked")
    private static List<String> texts(String... css) {
        return (List<String>) browser.executeScript(
                "return Array.from(arguments).map(c => { const e = document.querySelector(c);"
                        + " return e ? e.textContent.trim() : ''; });", (Object[]) css);
    }

    private static JsonNode firstOf(JsonNode answer, String wrapper) {
        JsonNode list = answer.isArray() ? answer : answer.path(wrapper);
        return list.size() == 0 ? null : list.get(0);
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
