using System.Text;
using System.Text.Json;
using Visco.Grains.Interfaces.Ingress;
using Visco.Grains.Tests.Hosting;

namespace Visco.Grains.Tests;

/// <summary>Every kind of bad measurement is refused with a precise reason and an error reply, and nothing is stored.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    /// <summary>Each case: a payload maker, the expected error code and a fragment the reason must contain.</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        { "nan-stress", "non-finite-value", "point 2 has a non-finite value" },
        { "negative-rate", "non-positive-shear-rate", "shear rate" },
        { "non-monotonic-rates", "non-monotonic-shear-rate", "at point 3" },
        { "length-mismatch", "length-mismatch", "shear rates but" },
        { "absurd-temperature", "temperature-out-of-range", "°C" },
        { "unknown-version", "unsupported-schema-version", "version 2" },
        { "missing-version", "unsupported-schema-version", "missing schema version" },
        { "ten-megabytes", "payload-too-large", "10485760 bytes" },
        { "invalid-json", "invalid-json", "invalid JSON" },
        { "not-an-object", "invalid-json", "not a JSON object" },
        { "too-many-points", "invalid-field", "more than 64 points" },
        { "missing-sample-id", "missing-field", "sampleId" },
        { "string-temperature", "invalid-field", "temperatureC must be a number" },
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _silo = await DomainSilo.StartInMemoryAsync();
        await _silo.RegisterAsync("h1", "dev-1");
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HandleAsync_BadMeasurement_InvalidPayloadWithPreciseReasonAndNothingStored(string name, string code, string fragment)
    {
        var answer = await _silo.SubmitAsync("h1", "dev-1", Make(name));

        Assert.Equal(DeviceMessageStatus.InvalidPayload, answer.Status);
        Assert.Contains(fragment, answer.Reason, StringComparison.OrdinalIgnoreCase);
        using var error = JsonDocument.Parse(Assert.Single(answer.Replies).Payload);
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.Equal(code, error.RootElement.GetProperty("code").GetString());
        Assert.Equal(answer.Reason, error.RootElement.GetProperty("reason").GetString());

        // The grain survived and the stream holds only what comes next.
        Assert.Equal(DeviceMessageStatus.Accepted, (await _silo.SubmitAsync("h1", "dev-1", Payloads.Valid("good"))).Status);
        await _silo.Results.WaitForSavedAsync(1);
        Assert.Equal(1, await _silo.Results.CountAsync("h1"));
        Assert.Empty(await _silo.Results.FindBySampleAsync("h1", "bad"));
    }

    private static byte[] Make(string name)
    {
        var sweep = Payloads.NextSweep("bad");
        double[] Copy(double[] values, Action<double[]> change)
        {
            var copy = (double[])values.Clone();
            change(copy);
            return copy;
        }

        return name switch
        {
            "nan-stress" => Payloads.FromSweep(sweep with { ShearStress = Copy(sweep.ShearStress, a => a[2] = double.NaN) }),
            "negative-rate" => Payloads.FromSweep(sweep with { ShearRate = Copy(sweep.ShearRate, a => a[0] = -1) }),
            "non-monotonic-rates" => Payloads.FromSweep(sweep with { ShearRate = Copy(sweep.ShearRate, a => (a[2], a[3]) = (a[3], a[2])) }),
            "length-mismatch" => Payloads.FromSweep(sweep with { ShearStress = sweep.ShearStress[..^1] }),
            "absurd-temperature" => Payloads.FromSweep(sweep with { TemperatureC = 370 }),
            "unknown-version" => Payloads.FromSweep(sweep, version: 2),
            "missing-version" => Payloads.Text(Encoding.UTF8.GetString(Payloads.FromSweep(sweep)).Replace("\"v\":1,", string.Empty, StringComparison.Ordinal)),
            "ten-megabytes" => TenMegabytes(),
            "invalid-json" => Payloads.Text("{\"v\":1,\"sampleId\":\"bad\",\"shearRate\":[1,2,"),
            "not-an-object" => Payloads.Text("[1,2,3]"),
            "too-many-points" => Payloads.FromSweep(sweep with
            {
                ShearRate = Enumerable.Range(1, 65).Select(i => (double)i).ToArray(),
                ShearStress = Enumerable.Range(1, 65).Select(i => (double)i).ToArray(),
            }),
            "missing-sample-id" => Payloads.Text(Encoding.UTF8.GetString(Payloads.FromSweep(sweep)).Replace("\"sampleId\":\"bad\",", string.Empty, StringComparison.Ordinal)),
            "string-temperature" => Payloads.Text(Encoding.UTF8.GetString(Payloads.FromSweep(sweep with { TemperatureC = 12.5 })).Replace("12.5", "\"warm\"", StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
        };
    }

    private static byte[] TenMegabytes()
    {
        var payload = new byte[10 * 1024 * 1024];
        Array.Fill(payload, (byte)' ');
        payload[0] = (byte)'{';
        payload[^1] = (byte)'}';
        return payload;
    }
}
