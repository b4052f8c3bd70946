namespace Visco.Model.Trees;

/// <summary>Draws the rows of one boosting round without replacement (partial Fisher-Yates), reproducibly.</summary>
internal sealed class RowSampler(int rowCount, double fraction, ulong seed)
{
    private readonly Random _random = new(unchecked((int)seed ^ (int)(seed >> 32)));
    private readonly int[] _all = Enumerable.Range(0, rowCount).ToArray();

    public int SampleSize { get; } = Math.Max(1, (int)Math.Round(rowCount * fraction));

    /// <summary>Writes a fresh sample into the first <see cref="SampleSize"/> slots of <paramref name="rows"/>.</summary>
    public void Draw(int[] rows)
    {
        if (SampleSize == _all.Length)
        {
            _all.CopyTo(rows, 0);
            return;
        }

        for (var i = 0; i < SampleSize; i++)
        {
            var j = _random.Next(i, _all.Length);
            (_all[i], _all[j]) = (_all[j], _all[i]);
            rows[i] = _all[i];
        }
    }
}
