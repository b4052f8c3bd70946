using Visco.Lake.Parquet;
using Visco.Lake.Parquet.Schema;

namespace Visco.Lake.Tests.Parquet;

/// <summary>Writes and reads Parquet files in memory for tests.</summary>
internal static class ParquetTestFiles
{
    public static byte[] Write(ParquetSchema schema, ParquetWriterOptions options, params IReadOnlyList<ColumnData>[] rowGroups)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, schema, options, "memory.parquet"))
        {
            foreach (var group in rowGroups)
            {
                writer.WriteRowGroup(group);
            }

            writer.Close();
        }

        return stream.ToArray();
    }

    public static List<IReadOnlyList<ColumnData>> Read(byte[] file, string name = "memory.parquet")
    {
        using var reader = ParquetFileReader.Open(new MemoryStream(file), name);
        var groups = new List<IReadOnlyList<ColumnData>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            groups.Add(reader.ReadRowGroup(g));
        }

        return groups;
    }
}
