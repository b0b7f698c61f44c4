package io.weatherpipeline.consumer.batch;

import java.util.HashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import io.weatherpipeline.consumer.columns.ReadingColumns;

/**
 * Writes buffered rows ({@link ReadingColumns}) with the three columns of the original course design:
 * {@code station_id} (UTF-8 string), {@code date} (DATE logical type, so readers get a date, not text)
 * and {@code degrees} (double), and puts the batch's {@link BatchFooter} into the file's key-value
 * metadata.
 */
final class ReadingWriteSupport extends WriteSupport<ReadingColumns.Row> {

    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("station_id")
            .required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("date")
            .required(PrimitiveTypeName.DOUBLE).named("degrees")
            .named("reading");

    private final Map<String, String> footer;
    private RecordConsumer out;

    ReadingWriteSupport(Map<String, String> footer) {
        this.footer = footer;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(SCHEMA, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(ReadingColumns.Row r) {
        out.startMessage();
        out.startField("station_id", 0);
        out.addBinary(r.station());
        out.endField("station_id", 0);
        out.startField("date", 1);
        out.addInteger(r.epochDay());
        out.endField("date", 1);
        out.startField("degrees", 2);
        out.addDouble(r.degrees());
        out.endField("degrees", 2);
        out.endMessage();
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return new FinalizedWriteContext(footer);
    }
}
