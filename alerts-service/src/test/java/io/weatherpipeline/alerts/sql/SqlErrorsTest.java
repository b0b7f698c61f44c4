package io.weatherpipeline.alerts.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.mysqlclient.MySQLException;

class SqlErrorsTest {

    @Test
    void deadlocksAndLockWaitTimeoutsAreLockConflictsEvenWhenWrapped() {
        assertTrue(SqlErrors.isLockConflict(new MySQLException("Deadlock found", 1213, "40001")));
        assertTrue(SqlErrors.isLockConflict(new CompletionException(new MySQLException("Lock wait timeout", 1205, "HY000"))));
        assertFalse(SqlErrors.isLockConflict(new MySQLException("Duplicate entry", 1062, "23000")));
        assertFalse(SqlErrors.isLockConflict(new java.net.ConnectException("Connection refused")));
    }

    @Test
    void duplicateKeysAreTold() {
        assertTrue(SqlErrors.isDuplicateKey(new MySQLException("Duplicate entry", 1062, "23000")));
        assertEquals(-1, SqlErrors.code(new IllegalStateException("no cause")));
    }
}
