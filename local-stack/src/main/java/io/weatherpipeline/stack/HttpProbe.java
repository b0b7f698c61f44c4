package io.weatherpipeline.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/** Asks a Quarkus health endpoint whether a service is ready. */
public final class HttpProbe {

    private HttpProbe() {
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }
}
