package io.weatherpipeline.stack;

import java.util.List;

/** One server of the local stack: started, awaited, described, stopped. */
interface StackServer {

    /** Starts the server's processes and returns once they answer like ready servers. */
    void start();

    /** Stops every process this server started. */
    void stop();

    /** The processes, for status and pid bookkeeping. */
    List<ManagedProcess> processes();

    /** One line a person can use: where to connect. */
    String endpoint();
}
