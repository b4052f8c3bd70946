using Visco.Grains.Interfaces.Measurements;

namespace Visco.Api.Tests.Hosting;

/// <summary>Hospitals, devices and results for tests, made through the domain's own grains and stores.</summary>
public static class Seed
{
    /// <summary>A fixed epoch the seeded results are received after.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A measurement event as the device grain publishes it.</summary>
    public static MeasurementRecorded Measurement(string hospitalId, string deviceId, string sampleId, DateTimeOffset receivedAt, string resultClass = ResultClasses.Normal) =>
        new(
            deviceId,
            hospitalId,
            new SweepData(sampleId, receivedAt.AddSeconds(-5), 37.0, [5, 50, 300], [30, 200, 1000], 0.42, "1.0.0"),
            new MeasurementResult(sampleId, new InferenceResult("1", 5.5, 4.1, resultClass, 0.93, []), "sha256:00", receivedAt.AddMilliseconds(3)),
            receivedAt);

    /// <summary>Creates a hospital and a device with a secret through the API's grains and stores results for it.</summary>
    public static async Task HospitalWithDeviceAsync(ApiHost host, string hospitalId, string deviceId, int results = 0)
    {
        await host.Grains.GetGrain<Grains.Interfaces.Hospitals.IHospitalGrain>(hospitalId).Create($"Hospital {hospitalId}");
        await host.Grains.GetGrain<Grains.Interfaces.Fleet.IDeviceGrain>(deviceId)
            .Register(new Grains.Interfaces.Fleet.DeviceRegistration(hospitalId, "initial-secret-0123456789", "seed"));
        if (results > 0)
        {
            await host.Results.SaveAsync(Enumerable.Range(0, results)
                .Select(i => Measurement(hospitalId, deviceId, $"{deviceId}-s{i:D4}", Epoch.AddMinutes(i)))
                .ToArray());
        }
    }
}
