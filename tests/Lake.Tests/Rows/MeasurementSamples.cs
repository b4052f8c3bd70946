using Visco.Lake.Rows;

namespace Visco.Lake.Tests.Rows;

/// <summary>Seeded measurement rows shaped like the analysers' (10-point sweeps) for tests.</summary>
internal static class MeasurementSamples
{
    private static readonly string[] Classes = ["normal", "elevated", "hyperviscous", "invalid-sample"];

    public static List<MeasurementRow> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var rows = new List<MeasurementRow>(count);
        for (var i = 0; i < count; i++)
        {
            var taken = start.AddSeconds(i * 37).AddTicks(random.Next(0, 10_000) * 10);
            double[] rates = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
            var stress = rates.Select(r => r * (4 + (10 / Math.Sqrt(r))) * (1 + (random.NextDouble() * 0.01))).ToArray();
            rows.Add(new MeasurementRow(
                HospitalId: "hospital-" + (i % 3),
                DeviceId: "device-" + (i % 17),
                SampleId: $"S-{seed}-{i:D8}",
                Sequence: 1000 + i,
                TakenAt: taken,
                ReceivedAt: taken.AddMilliseconds(120),
                TemperatureC: 37 + (random.NextDouble() - 0.5),
                Hematocrit: i % 4 == 0 ? null : 0.35 + (random.NextDouble() * 0.15),
                Firmware: i % 5 == 0 ? null : "fw-2.1." + (i % 3),
                ShearRate: i % 50 == 7 ? [] : rates,
                ShearStress: i % 50 == 7 ? [] : stress,
                ModelVersion: "v2026.01",
                InputHash: Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())),
                ViscosityLow: 8 + random.NextDouble(),
                ViscosityHigh: 4 + random.NextDouble(),
                Class: Classes[i % Classes.Length],
                Confidence: random.NextDouble(),
                Flags: i % 3 == 0 ? [] : i % 3 == 1 ? ["bubble"] : ["drift", "noise ✓"],
                ProcessedAt: taken.AddMilliseconds(125)));
        }

        return rows;
    }

    public static void AssertEqual(IReadOnlyList<MeasurementRow> expected, IReadOnlyList<MeasurementRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.Equal(e.ShearRate, a.ShearRate);
            Assert.Equal(e.ShearStress, a.ShearStress);
            Assert.Equal(e.Flags, a.Flags);
            Assert.Equal(e with { ShearRate = a.ShearRate, ShearStress = a.ShearStress, Flags = a.Flags }, a);
        }
    }
}
