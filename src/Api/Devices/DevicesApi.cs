using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Visco.Api.Audit;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Devices;

/// <summary>
/// A hospital's devices: roster and detail (read), register, revoke, re-provision and rotate credentials (device-admin), commands
/// and desired configuration (issued by device-admin, read by device-admin and ops).
/// </summary>
public static partial class DevicesApi
{
    /// <summary>Maps the device routes under a <c>/hospitals/{hospitalId}</c> group.</summary>
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder hospital)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        var read = hospital.MapHospitalScopedGroup("/devices", ApiPolicies.ReadDevices, "Devices");
        read.MapGet("", ListDevices).WithName("ListDevices").WithSummary("The hospital's devices with status and connectivity.");
        read.MapGet("/{deviceId}", GetDevice).WithName("GetDevice")
            .WithSummary("A device: status, online/offline, last seen, firmware, configuration version, last result.");

        var manage = hospital.MapHospitalScopedGroup("/devices", ApiPolicies.ManageDevices, "Devices");
        manage.MapPost("", RegisterDevice).WithName("RegisterDevice")
            .WithSummary("Registers a device; the response carries its one-time secret.");
        manage.MapPost("/{deviceId}/revoke", RevokeDevice).WithName("RevokeDevice")
            .WithSummary("Revokes a device: its live MQTT connection is dropped and every reconnect refused.");
        manage.MapPost("/{deviceId}/reprovision", ReprovisionDevice).WithName("ReprovisionDevice")
            .WithSummary("Re-provisions a device (wiped, board replaced, key suspected stolen): every certificate and its secret stop authenticating at once, its live MQTT connection is dropped, and its hospital's claim may provision it once more.");
        manage.MapPost("/{deviceId}/credentials", RotateCredentials).WithName("RotateDeviceCredentials")
            .WithSummary("Gives a device a new secret (the old one stops working at once); shown once.");
        manage.MapPost("/{deviceId}/commands", IssueCommand).WithName("IssueDeviceCommand")
            .WithSummary("Issues a command (firmware-update, set-configuration, reboot, locate, wipe, renew-certificate): queued durably, sent over MQTT when the device is online.");
        manage.MapPost("/{deviceId}/commands/{commandId}/cancel", CancelCommand).WithName("CancelDeviceCommand")
            .WithSummary("Withdraws a command that is still queued (never sent to the device).");
        manage.MapPut("/{deviceId}/configuration", SetConfiguration).WithName("SetDeviceConfiguration")
            .WithSummary("Sets the desired configuration (body: the settings object) under the next version; re-sent at every reconnect until acknowledged.");

        var commands = hospital.MapHospitalScopedGroup("/devices", ApiPolicies.ReadDeviceCommands, "Devices");
        commands.MapGet("/{deviceId}/commands", ListCommands).WithName("ListDeviceCommands")
            .WithSummary("The device's commands, newest first, with status (queued, sent, applied, refused, failed, expired, cancelled).");
        commands.MapGet("/{deviceId}/commands/{commandId}", GetCommand).WithName("GetDeviceCommand")
            .WithSummary("One command and what became of it.");
        commands.MapGet("/{deviceId}/configuration", GetConfiguration).WithName("GetDeviceConfiguration")
            .WithSummary("The desired configuration version and settings, the version the device reported, and whether it acknowledged.");
        return hospital;
    }

    /// <summary>The roster.</summary>
    public static async Task<Results<Ok<IReadOnlyList<RosterEntry>>, ProblemHttpResult>> ListDevices(
        string hospitalId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var hospital = grains.GetGrain<IHospitalGrain>(hospitalId);
        if (await hospital.GetInfo(cancellationToken) is null)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(await hospital.GetRoster(cancellationToken));
    }

    /// <summary>One device with its newest result.</summary>
    public static async Task<Results<Ok<DeviceDetail>, ProblemHttpResult>> GetDevice(
        string hospitalId, string deviceId, IGrainFactory grains, IResultStore store, CancellationToken cancellationToken)
    {
        var status = await grains.GetGrain<IDeviceGrain>(deviceId).GetStatus(cancellationToken);
        if (status is null || status.HospitalId != hospitalId)
        {
            return ApiProblems.NotFound();
        }

        var last = await store.QueryByDeviceAsync(hospitalId, deviceId, new ResultQuery(Limit: 1), cancellationToken);
        return TypedResults.Ok(new DeviceDetail(
            status.DeviceId, status.HospitalId, status.Status, status.Online, status.LastSeen, status.Firmware,
            status.ConfigurationVersion, status.MeasurementCount, last.Items.Count > 0 ? last.Items[0] : null,
            status.PendingCommands, status.DesiredConfigurationVersion, status.ReportedConfigurationVersion,
            status.DesiredConfigurationVersion is { } desired && status.ReportedConfigurationVersion >= desired));
    }
}
