namespace Visco.Lake.Parquet.Chunks;

/// <summary>
/// Orders strings as their UTF-8 bytes compare (unsigned, byte-wise), which the spec prescribes for STRING
/// statistics, without encoding them: UTF-16 ordinal order agrees with UTF-8 order except between a surrogate and a
/// code unit at or above U+E000, where the surrogate (a supplementary character) sorts last in UTF-8.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }

            if (char.IsSurrogate(a) != char.IsSurrogate(b) && Math.Max(a, b) >= 0xE000)
            {
                return char.IsSurrogate(a) ? 1 : -1;
            }

            return a < b ? -1 : 1;
        }

        return x.Length.CompareTo(y.Length);
    }
}
