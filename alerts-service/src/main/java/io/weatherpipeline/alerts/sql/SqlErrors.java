package io.weatherpipeline.alerts.sql;

import io.vertx.mysqlclient.MySQLException;

/** What a failed statement's MySQL error code means for the transaction. */
public final class SqlErrors {

    /** ER_LOCK_DEADLOCK: the server rolled the transaction back to break a deadlock. */
    public static final int DEADLOCK = 1213;
    /** ER_LOCK_WAIT_TIMEOUT: a lock was not granted in time. */
    public static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_DUP_ENTRY. */
    public static final int DUPLICATE_KEY = 1062;

    private SqlErrors() {
    }

    /** A lock conflict with another transaction: roll back and try the same transaction again at once. */
    public static boolean isLockConflict(Throwable failure) {
        int code = code(failure);
        return code == DEADLOCK || code == LOCK_WAIT_TIMEOUT;
    }

    public static boolean isDuplicateKey(Throwable failure) {
        return code(failure) == DUPLICATE_KEY;
    }

    /** The MySQL error code of {@code failure} or of one of its causes, or -1. */
    public static int code(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MySQLException e) {
                return e.getErrorCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return -1;
    }
}
