using Microsoft.Extensions.DependencyInjection;
using Visco.Grains.Interfaces.Results;
using Visco.Mqtt.Client;
using Visco.Mqtt.Packets;

namespace Visco.EndToEnd.Tests;

/// <summary>
/// Issue 4 end to end: an analyser publishes a raw sweep over real MQTT to the real silo and gets the model's result;
/// the measurement is stored, duplicates are stored once, a kill after PUBACK loses nothing.
/// </summary>
public sealed class MeasurementPathTests(SharedSilo shared) : IClassFixture<SharedSilo>
{
    private readonly RunningSilo _silo = shared.Silo;

    [Fact]
    public async Task Publish_RegisteredDevice_ResultWithModelVersionAndStored()
    {
        var credentials = await _silo.RegisterDeviceAsync("h-e2e", "dev-e2e-1");
        await using var analyser = await Analyser.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!);

        var ack = await analyser.PublishAsync(Analyser.Measurement("s-1"));
        var result = await analyser.NextResultAsync();

        Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);
        Assert.Equal("s-1", result.GetProperty("sampleId").GetString());
        Assert.Equal("1", result.GetProperty("modelVersion").GetString());
        Assert.Contains(result.GetProperty("class").GetString(), new[] { "normal", "elevated", "hyperviscous", "invalid-sample" });
        var stored = await WaitForStoredAsync(_silo, "h-e2e", "s-1");
        Assert.Single(stored);
        Assert.Equal("dev-e2e-1", stored[0].DeviceId);
    }

    [Fact]
    public async Task Publish_SameSampleAfterReconnect_SameResultAndOneStoredRow()
    {
        var credentials = await _silo.RegisterDeviceAsync("h-e2e", "dev-e2e-2");
        var payload = Analyser.Measurement("s-dup");
        string first;
        await using (var analyser = await Analyser.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!))
        {
            await analyser.PublishAsync(payload);
            first = (await analyser.NextResultAsync()).GetRawText();
        }

        await using var again = await Analyser.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!);
        var ack = await again.PublishAsync(payload);
        var second = (await again.NextResultAsync()).GetRawText();

        Assert.Equal(MqttPubAckReasonCode.Success, ack.ReasonCode);
        Assert.Equal(first, second);
        Assert.Single(await WaitForStoredAsync(_silo, "h-e2e", "s-dup"));
    }

    [Fact]
    public async Task Connect_UnregisteredOrRevokedDevice_Refused()
    {
        var stranger = Analyser.ConnectAsync(_silo.MqttPort, "dev-nobody", "guess");
        await Assert.ThrowsAnyAsync<Exception>(() => stranger);

        var credentials = await _silo.RegisterDeviceAsync("h-e2e", "dev-revoked");
        await _silo.Services.GetRequiredService<Visco.Grains.Fleet.DeviceRegistrar>().RevokeDeviceAsync("dev-revoked", "stolen");
        await Assert.ThrowsAnyAsync<Exception>(() => Analyser.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!));
    }

    [Fact]
    public async Task Publish_NaNInSweep_RefusedWithReasonAndNothingStored()
    {
        var credentials = await _silo.RegisterDeviceAsync("h-e2e", "dev-bad");
        await using var analyser = await Analyser.ConnectAsync(_silo.MqttPort, credentials.DeviceId, credentials.Secret!);
        var payload = System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(Analyser.Measurement("s-bad")).Replace("\"shearRate\":[", "\"shearRate\":[\"NaN\",", StringComparison.Ordinal));

        var ack = await analyser.PublishAsync(payload);
        var error = await analyser.NextResultAsync();

        Assert.Equal(MqttPubAckReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.False(string.IsNullOrEmpty(ack.ReasonString));
        Assert.Equal("error", error.GetProperty("type").GetString());
        var store = _silo.Services.GetRequiredService<IResultStore>();
        Assert.Empty(await store.FindBySampleAsync("h-e2e", "s-bad"));
    }

    internal static async Task<IReadOnlyList<StoredResult>> WaitForStoredAsync(RunningSilo silo, string hospitalId, string sampleId)
    {
        // The results store is a projection of the durable stream: it follows within milliseconds, not synchronously.
        var store = silo.Services.GetRequiredService<IResultStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = await store.FindBySampleAsync(hospitalId, sampleId);
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(50);
        }
    }
}
