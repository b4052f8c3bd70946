using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Visco.Api.Auth;
using Visco.Api.Problems;
using Visco.Api.Results;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Results;
using Visco.Runtime.Abstractions;

namespace Visco.Api.Devices;

/// <summary>
/// Device commands and the desired configuration. Commands are queued durably by the device grain and delivered over
/// MQTT when the device is online; their status follows the device's replies. A device of another hospital is absent.
/// </summary>
public static partial class DevicesApi
{
    private const int DefaultCommandPage = 50;

    /// <summary>Issues a command; 202 with the command (queued or sent) and its location.</summary>
    public static async Task<Results<Accepted<DeviceCommandRecord>, ProblemHttpResult>> IssueCommand(
        string hospitalId, string deviceId, IssueCommandRequest request, DeviceOwnership ownership, IGrainFactory grains, IOptions<ApiAuthOptions> auth,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!DeviceCommandTypes.TryParse(request.Type, out var type))
        {
            return ApiProblems.BadRequest($"type must be one of: {string.Join(", ", DeviceCommandTypes.Names)}.");
        }

        if (type != DeviceCommandType.SetConfiguration && request.Settings is not null)
        {
            return ApiProblems.BadRequest($"{request.Type} takes no settings; settings belong to set-configuration.");
        }

        if (type == DeviceCommandType.SetConfiguration && (request.Version ?? request.Url ?? request.Sha256) is not null)
        {
            return ApiProblems.BadRequest("set-configuration takes settings only; the server assigns its version.");
        }

        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        var caller = ApiCaller.From(context.User, auth.Value).Subject;
        return await CommandOutcomeAsync(hospitalId, deviceId, async () => type == DeviceCommandType.SetConfiguration
            ? await device.SetDesiredConfiguration(request.Settings ?? default, caller, cancellationToken)
            : await device.IssueCommand(new DeviceCommandRequest(type, caller, request.Version, request.Url, request.Sha256), cancellationToken));
    }

    /// <summary>The device's commands, newest first, paged by cursor.</summary>
    public static async Task<Results<Ok<DeviceCommandPage>, ProblemHttpResult>> ListCommands(
        string hospitalId, string deviceId, string? cursor, int? limit, DeviceOwnership ownership, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > ResultQuery.MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be between 1 and {ResultQuery.MaxLimit}.");
        }

        if (cursor is { Length: > 512 })
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }

        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        try
        {
            return TypedResults.Ok(await grains.GetGrain<IDeviceGrain>(deviceId)
                .GetCommands(string.IsNullOrEmpty(cursor) ? null : cursor, limit ?? DefaultCommandPage, cancellationToken));
        }
        catch (InvalidCursorException)
        {
            return ApiProblems.BadRequest("The cursor is not one this API issued.");
        }
    }

    /// <summary>One command with its status.</summary>
    public static async Task<Results<Ok<DeviceCommandRecord>, ProblemHttpResult>> GetCommand(
        string hospitalId, string deviceId, string commandId, DeviceOwnership ownership, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        var command = await grains.GetGrain<IDeviceGrain>(deviceId).GetCommand(commandId, cancellationToken);
        return command is null ? ApiProblems.NotFound() : TypedResults.Ok(command);
    }

    /// <summary>Withdraws a command that is still queued.</summary>
    public static async Task<Results<Ok<DeviceCommandRecord>, ProblemHttpResult>> CancelCommand(
        string hospitalId, string deviceId, string commandId, DeviceOwnership ownership, IGrainFactory grains, IOptions<ApiAuthOptions> auth,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        try
        {
            var cancelled = await grains.GetGrain<IDeviceGrain>(deviceId)
                .CancelCommand(commandId, ApiCaller.From(context.User, auth.Value).Subject, cancellationToken);
            return cancelled is null ? ApiProblems.NotFound() : TypedResults.Ok(cancelled);
        }
        catch (CommandNotCancellableException exception)
        {
            return ApiProblems.Conflict(exception.Message);
        }
    }

    /// <summary>Sets the desired configuration (the body is the settings object); returns its version and status.</summary>
    public static async Task<Results<Ok<DeviceConfigurationStatus>, ProblemHttpResult>> SetConfiguration(
        string hospitalId, string deviceId, JsonElement settings, DeviceOwnership ownership, IGrainFactory grains, IOptions<ApiAuthOptions> auth,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        var caller = ApiCaller.From(context.User, auth.Value).Subject;
        var issued = await CommandOutcomeAsync(hospitalId, deviceId, () => device.SetDesiredConfiguration(settings, caller, cancellationToken));
        if (issued.Result is ProblemHttpResult problem)
        {
            return problem;
        }

        return TypedResults.Ok((await device.GetConfiguration(cancellationToken))!);
    }

    /// <summary>The desired configuration against what the device reported.</summary>
    public static async Task<Results<Ok<DeviceConfigurationStatus>, ProblemHttpResult>> GetConfiguration(
        string hospitalId, string deviceId, DeviceOwnership ownership, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!await ownership.BelongsToAsync(hospitalId, deviceId, cancellationToken))
        {
            return ApiProblems.NotFound();
        }

        var configuration = await grains.GetGrain<IDeviceGrain>(deviceId).GetConfiguration(cancellationToken);
        return configuration is null ? ApiProblems.NotFound() : TypedResults.Ok(configuration);
    }

    /// <summary>Runs an issue and turns the grain's refusals into problems.</summary>
    private static async Task<Results<Accepted<DeviceCommandRecord>, ProblemHttpResult>> CommandOutcomeAsync(
        string hospitalId, string deviceId, Func<Task<DeviceCommandRecord>> issue)
    {
        try
        {
            var command = await issue();
            return TypedResults.Accepted($"/api/v1/hospitals/{hospitalId}/devices/{deviceId}/commands/{command.CommandId}", command);
        }
        catch (InvalidDeviceCommandException exception)
        {
            return ApiProblems.BadRequest(exception.Message);
        }
        catch (DeviceRevokedException)
        {
            return ApiProblems.Conflict("The device is revoked; it accepts no commands or configuration.");
        }
        catch (CommandQueueFullException exception)
        {
            return ApiProblems.Conflict(exception.Message);
        }
        catch (DeviceNotFoundException)
        {
            return ApiProblems.NotFound();
        }
    }
}
