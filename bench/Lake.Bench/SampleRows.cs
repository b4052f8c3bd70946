using Visco.Lake.Rows;

namespace Visco.Lake.Bench;

/// <summary>Synthetic measurement rows shaped like the analysers' (10-point sweeps, unique sample ids and hashes).</summary>
internal static class SampleRows
{
    private static readonly string[] Classes = ["normal", "elevated", "hyperviscous", "invalid-sample"];
    private static readonly double[] Rates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    public static MeasurementRow[] Create(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new MeasurementRow[count];
        for (var i = 0; i < count; i++)
        {
            var taken = start.AddMilliseconds(i * 250.0 + random.Next(100));
            var hematocrit = 0.35 + random.NextDouble() * 0.15;
            var stress = new double[Rates.Length];
            for (var k = 0; k < stress.Length; k++)
            {
                // A shear-thinning curve with 1 % noise: realistic entropy for the compressor.
                stress[k] = Rates[k] * (3.5 + 12 * hematocrit / Math.Sqrt(Rates[k])) * (1 + (random.NextDouble() - 0.5) * 0.02);
            }

            rows[i] = new MeasurementRow(
                HospitalId: "hospital-" + (i % 8),
                DeviceId: "device-" + (i % 400),
                SampleId: $"S-{seed}-{i:D9}",
                Sequence: (long)seed * count + i,
                TakenAt: taken,
                ReceivedAt: taken.AddMilliseconds(40 + random.Next(200)),
                TemperatureC: Math.Round(37 + (random.NextDouble() - 0.5), 2),
                Hematocrit: i % 4 == 0 ? null : Math.Round(hematocrit, 3),
                Firmware: i % 10 == 0 ? null : "2.4." + (i % 3),
                ShearRate: Rates,
                ShearStress: stress,
                ModelVersion: "v2026.01.3",
                InputHash: Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())),
                ViscosityLow: 5 + random.NextDouble() * 6,
                ViscosityHigh: 3 + random.NextDouble() * 2,
                Class: Classes[random.Next(10) < 7 ? 0 : random.Next(Classes.Length)],
                Confidence: Math.Round(0.5 + random.NextDouble() * 0.5, 4),
                Flags: random.Next(10) < 8 ? [] : ["bubble"],
                ProcessedAt: taken.AddMilliseconds(45 + random.Next(200)));
        }

        return rows;
    }
}
