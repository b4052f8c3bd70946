using System.CommandLine;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Runtime.Abstractions;

namespace Visco.Silo.Cli;

/// <summary>
/// What the verbs acting on one registered device share (<c>revoke-device</c>, <c>reprovision-device</c>): their
/// options, exit codes and the checks made before acting. User errors end with one line on stderr and a non-zero exit
/// code, never a stack trace.
/// </summary>
internal static class DeviceVerb
{
    /// <summary>Done.</summary>
    public const int Done = 0;

    /// <summary>An argument is wrong (e.g. an empty reason).</summary>
    public const int InvalidArgument = 1;

    /// <summary>No device with that id is registered in the data directory's store.</summary>
    public const int UnknownDevice = 2;

    /// <summary>The device's state does not allow the action (a revoked device cannot be re-provisioned).</summary>
    public const int Refused = 3;

    /// <summary>The exit codes, for the verbs' descriptions.</summary>
    public const string ExitCodes = "Exit codes: 0 done, 1 invalid argument, 2 unknown device, 3 refused by the device's state.";

    /// <summary><c>--device</c>.</summary>
    public static Option<string> Device() => new("--device") { Description = "The device id.", Required = true };

    /// <summary><c>--reason</c>.</summary>
    public static Option<string> Reason() => new("--reason")
    {
        Description = $"Why: recorded with the device and logged (1-{DeviceActionReason.MaxLength} characters).",
        Required = true,
    };

    /// <summary>
    /// Checks the reason, then runs <paramref name="act"/> on the device's grain in an offline silo on the data
    /// directory when the device is registered; the exit code and the line to print come from the act, or from the checks.
    /// </summary>
    public static async Task<int> RunAsync(
        string dataDirectory, string deviceId, string? reason,
        Func<IServiceProvider, DeviceRecord, CancellationToken, Task<(int Exit, string Message)>> act, CancellationToken cancellationToken)
    {
        if (!DeviceActionReason.IsValid(reason))
        {
            Console.Error.WriteLine($"--reason must say why (1-{DeviceActionReason.MaxLength} characters).");
            return InvalidArgument;
        }

        (int Exit, string Message) outcome = (UnknownDevice, $"Device '{deviceId}' is not registered in the store of {dataDirectory}.");
        await OfflineSilo.RunAsync(dataDirectory, async (services, grains) =>
        {
            if (await grains.GetGrain<IDeviceGrain>(deviceId).GetRecord(cancellationToken) is { } record)
            {
                outcome = await act(services, record, cancellationToken);
            }
        }, cancellationToken);
        (outcome.Exit == Done ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Exit;
    }
}
