package io.weatherpipeline.consumer.batch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

import io.weatherpipeline.consumer.columns.Reading;
import io.weatherpipeline.consumer.columns.ReadingColumns;

/** The batch files of the data directory on HDFS: list, write, commit (rename), read footers and rows. */
public final class BatchFiles {

    private final FileSystem fs;
    private final Path dataDir;
    private final Short replication;

    /**
     * @param replication replication of new files, or null for the cluster's default
     */
    public BatchFiles(FileSystem fs, String dataDir, Short replication) {
        this.fs = fs;
        this.dataDir = fs.makeQualified(new Path(dataDir));
        this.replication = replication;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path path(BatchFileName name) {
        return new Path(dataDir, name.toString());
    }

    /** Every batch file of {@code partition}, complete and temporary, in no particular order. */
    public List<BatchFileName> list(int partition) throws IOException {
        List<BatchFileName> out = new ArrayList<>();
        FileStatus[] found = fs.globStatus(new Path(dataDir, BatchFileName.globOf(partition)));
        if (found != null) {
            for (FileStatus s : found) {
                BatchFileName.parse(s.getPath().getName()).filter(n -> n.partition() == partition).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Writes {@code rows} with {@code footer} to the temporary name of the batch, replacing any earlier try. */
    public BatchFileName writeTemporary(BatchFooter footer, ReadingColumns rows, Runnable halfway) throws IOException {
        BatchFileName tmp = BatchFileName.temporary(footer.partition(), footer.batchId());
        Configuration conf = fs.getConf();
        try (ParquetWriter<ReadingColumns.Row> writer = new Builder(HadoopOutputFile.fromPath(path(tmp), conf), footer.toMetadata())
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            int half = rows.size() / 2;
            ReadingColumns.Row row = rows.row();
            for (int i = 0; i < rows.size(); i++) {
                if (i == half) {
                    halfway.run();
                }
                writer.write(row.at(i));
            }
            if (rows.size() == 0) {
                halfway.run();
            }
        }
        if (replication != null) {
            fs.setReplication(path(tmp), replication);
        }
        return tmp;
    }

    /**
     * Renames the temporary file of a batch to its final name: the moment the batch is committed.
     *
     * @throws IOException when the final name is taken or the temporary file is gone
     */
    public void commit(BatchFileName tmp) throws IOException {
        BatchFileName done = BatchFileName.complete(tmp.partition(), tmp.batchId());
        if (!fs.rename(path(tmp), path(done))) {
            throw new IOException("HDFS refused to rename " + path(tmp) + " to " + path(done)
                    + (fs.exists(path(done)) ? " (the target exists)" : " (the source is gone)"));
        }
    }

    public void delete(BatchFileName name) throws IOException {
        if (!fs.delete(path(name), false) && fs.exists(path(name))) {
            throw new IOException("HDFS did not delete " + path(name));
        }
    }

    /** The footer of a complete batch file. */
    public BatchFooter footer(BatchFileName name) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path(name), fs.getConf()))) {
            Map<String, String> meta = reader.getFooter().getFileMetaData().getKeyValueMetaData();
            try {
                return BatchFooter.fromMetadata(meta);
            } catch (IllegalArgumentException e) {
                throw new IOException(path(name) + ": " + e.getMessage(), e);
            }
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(path(name) + " does not exist");
        }
    }

    /** The rows of a batch file, in file order. */
    public List<Reading> rows(BatchFileName name) throws IOException {
        List<Reading> out = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path(name))
                .withConf(fs.getConf()).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                out.add(new Reading(g.getString("station_id", 0), g.getInteger("date", 0), g.getDouble("degrees", 0)));
            }
        }
        return out;
    }

    private static final class Builder extends ParquetWriter.Builder<ReadingColumns.Row, Builder> {
        private final Map<String, String> footer;

        Builder(OutputFile file, Map<String, String> footer) {
            super(file);
            this.footer = footer;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ReadingColumns.Row> getWriteSupport(Configuration conf) {
            return new ReadingWriteSupport(footer);
        }
    }
}
