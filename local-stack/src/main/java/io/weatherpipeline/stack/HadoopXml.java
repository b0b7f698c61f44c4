package io.weatherpipeline.stack;

import java.util.Map;

/** Writes a Hadoop {@code *-site.xml} file. */
final class HadoopXml {

    private HadoopXml() {
    }

    static String configuration(Map<String, String> properties) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!-- Written by the weather-pipeline local stack -->\n<configuration>\n");
        properties.forEach((name, value) -> xml.append("  <property><name>").append(escape(name))
                .append("</name><value>").append(escape(value)).append("</value></property>\n"));
        return xml.append("</configuration>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
