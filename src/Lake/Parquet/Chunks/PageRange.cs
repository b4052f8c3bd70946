namespace Visco.Lake.Parquet.Chunks;

/// <summary>The rows of one data page: its slice of the level arrays and of the dense values.</summary>
internal readonly record struct PageRange(int LevelStart, int LevelEnd, int ValueStart, int ValueEnd, int RowCount);
