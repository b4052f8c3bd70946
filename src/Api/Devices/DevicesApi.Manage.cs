using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Hospitals;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Devices;

/// <summary>The administrative device routes.</summary>
public static partial class DevicesApi
{
    /// <summary>Registers a device of the hospital.</summary>
    public static async Task<Results<Created<DeviceCredentialsResponse>, ProblemHttpResult>> RegisterDevice(
        string hospitalId, RegisterDeviceRequest request, IGrainFactory grains, IOptions<ApiAuthOptions> auth,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(request.DeviceId))
        {
            return ApiProblems.BadRequest("deviceId must be 1-64 ASCII letters, digits, '-', '_' or '.'.");
        }

        if (await grains.GetGrain<IHospitalGrain>(hospitalId).GetInfo(cancellationToken) is null)
        {
            return ApiProblems.NotFound();
        }

        var secret = request.CertificateOnly ? null : DeviceIds.NewSecret();
        var caller = ApiCaller.From(context.User, auth.Value);
        try
        {
            await grains.GetGrain<IDeviceGrain>(request.DeviceId)
                .Register(new DeviceRegistration(hospitalId, secret, caller.Subject), cancellationToken);
        }
        catch (DeviceAlreadyRegisteredException)
        {
            return ApiProblems.Conflict("A device with this id is already registered; choose another id.");
        }

        NoStore(context);
        return TypedResults.Created(
            $"/api/v1/hospitals/{hospitalId}/devices/{request.DeviceId}",
            new DeviceCredentialsResponse(request.DeviceId, hospitalId, secret));
    }

    /// <summary>Revokes a device, drops its live connection and ends its MQTT session.</summary>
    public static async Task<Results<Ok<RevokedDevice>, ProblemHttpResult>> RevokeDevice(
        string hospitalId, string deviceId, RevokeDeviceRequest request, IGrainFactory grains,
        IOptions<ApiAuthOptions> auth, HttpContext context, CancellationToken cancellationToken)
    {
        var (device, problem) = await DeviceForActionAsync(grains, hospitalId, deviceId, request.Reason, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var disconnected = await device!.Revoke(request.Reason, ApiCaller.From(context.User, auth.Value).Subject, cancellationToken);
        return TypedResults.Ok(new RevokedDevice(deviceId, DeviceStatus.Revoked, disconnected));
    }

    /// <summary>
    /// Re-provisions a device: retires every certificate and its secret, drops its live connection and puts it back in
    /// Provisioning for its hospital's claim. A revoked device stays revoked (409).
    /// </summary>
    public static async Task<Results<Ok<DeviceReprovisioning>, ProblemHttpResult>> ReprovisionDevice(
        string hospitalId, string deviceId, ReprovisionDeviceRequest request, IGrainFactory grains,
        IOptions<ApiAuthOptions> auth, HttpContext context, CancellationToken cancellationToken)
    {
        var (device, problem) = await DeviceForActionAsync(grains, hospitalId, deviceId, request.Reason, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(await device!.Reprovision(request.Reason, ApiCaller.From(context.User, auth.Value).Subject, cancellationToken));
        }
        catch (DeviceRevokedException)
        {
            return ApiProblems.Conflict("The device is revoked, which is final; register a new device instead of re-provisioning this one.");
        }
    }

    /// <summary>Gives a device a new secret.</summary>
    public static async Task<Results<Ok<DeviceCredentialsResponse>, ProblemHttpResult>> RotateCredentials(
        string hospitalId, string deviceId, IGrainFactory grains, HttpContext context, CancellationToken cancellationToken)
    {
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        var record = await device.GetRecord(cancellationToken);
        if (record is null || record.HospitalId != hospitalId)
        {
            return ApiProblems.NotFound();
        }

        if (record.Status == DeviceStatus.Revoked)
        {
            return ApiProblems.Conflict("The device is revoked; register a new device instead of re-crediting this one.");
        }

        var secret = DeviceIds.NewSecret();
        await device.SetSecret(secret, cancellationToken);
        NoStore(context);
        return TypedResults.Ok(new DeviceCredentialsResponse(deviceId, hospitalId, secret));
    }

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    /// <summary>
    /// The device of an administrative action that needs a reason (revoke, re-provision): a 400 problem without one, the
    /// same 404 for an unknown device as for another hospital's.
    /// </summary>
    private static async Task<(IDeviceGrain? Device, ProblemHttpResult? Problem)> DeviceForActionAsync(
        IGrainFactory grains, string hospitalId, string deviceId, string? reason, CancellationToken cancellationToken)
    {
        if (!DeviceActionReason.IsValid(reason))
        {
            return (null, ApiProblems.BadRequest($"reason is required (at most {DeviceActionReason.MaxLength} characters)."));
        }

        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        var record = await device.GetRecord(cancellationToken);
        return record is null || record.HospitalId != hospitalId ? (null, ApiProblems.NotFound()) : (device, null);
    }
}
