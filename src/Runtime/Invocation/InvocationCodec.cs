using System.Text.Json;
using Visco.Runtime.Abstractions;
using Visco.Runtime.State;

namespace Visco.Runtime.Invocation;

/// <summary>Turns requests into <see cref="InvocationMessage"/> bytes and back; what silo-to-silo calls will send.</summary>
internal static class InvocationCodec
{
    /// <summary>The message for a request.</summary>
    /// <exception cref="NotSupportedException">An argument's value cannot be serialized (the message says which).</exception>
    public static byte[] Serialize(GrainRequest request)
    {
        var parameters = request.Method.Method.GetParameters();
        var arguments = new List<JsonElement>(parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType == typeof(CancellationToken))
            {
                continue;
            }

            try
            {
                arguments.Add(JsonSerializer.SerializeToElement(request.Arguments[i], parameters[i].ParameterType, StateSerializer.Options));
            }
            catch (Exception exception) when (exception is NotSupportedException or JsonException or InvalidOperationException)
            {
                throw new NotSupportedException(
                    $"Argument '{parameters[i].Name}' of {request.Method.DisplayName} to grain {request.Target} cannot be serialized: {exception.Message}",
                    exception);
            }
        }

        var message = new InvocationMessage(request.Target.ToString(), request.Method.InterfaceAlias, request.Method.Alias, arguments);
        return JsonSerializer.SerializeToUtf8Bytes(message, StateSerializer.Options);
    }

    /// <summary>Reads a message back into the target, the method and typed arguments.</summary>
    /// <exception cref="InvalidDataException">The message is malformed or names an unknown interface or method.</exception>
    public static (GrainId Target, GrainMethod Method, object?[] Arguments) Deserialize(
        ReadOnlySpan<byte> bytes, Func<string, Type?> findInterface)
    {
        InvocationMessage message;
        try
        {
            message = JsonSerializer.Deserialize<InvocationMessage>(bytes, StateSerializer.Options)
                ?? throw new InvalidDataException("An invocation message is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"An invocation message is not valid JSON: {exception.Message}", exception);
        }

        var interfaceType = findInterface(message.Interface)
            ?? throw new InvalidDataException($"Invocation of unknown grain interface '{message.Interface}'.");
        var method = GrainInterfaceInfo.For(interfaceType).FindByAlias(message.Interface + "." + message.Method)
            ?? throw new InvalidDataException($"Grain interface '{message.Interface}' has no method '{message.Method}'.");
        var parameters = method.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        var next = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType == typeof(CancellationToken))
            {
                arguments[i] = CancellationToken.None;
                continue;
            }

            if (next >= message.Arguments.Count)
            {
                throw new InvalidDataException($"Invocation of {method.DisplayName} carries too few arguments.");
            }

            arguments[i] = message.Arguments[next++].Deserialize(parameters[i].ParameterType, StateSerializer.Options);
        }

        return (GrainId.Parse(message.Target), method, arguments);
    }
}
