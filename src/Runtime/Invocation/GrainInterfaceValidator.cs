using System.Reflection;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>
/// The grain-interface contract: every method is asynchronous and every argument can cross a silo boundary. Checked
/// when a reference is first made, so a broken interface fails at once with the reason, not on the first remote call.
/// </summary>
internal static class GrainInterfaceValidator
{
    /// <summary>Throws <see cref="InvalidGrainInterfaceException"/> if the method breaks the contract.</summary>
    public static void Validate(Type declaring, MethodInfo method)
    {
        var name = $"{declaring.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new InvalidGrainInterfaceException($"{name} is a generic method; grain methods cannot be generic.");
        }

        var returnType = method.ReturnType;
        var isAsync = returnType == typeof(Task) || returnType == typeof(ValueTask)
            || (returnType.IsGenericType
                && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)));
        if (!isAsync)
        {
            throw new InvalidGrainInterfaceException(
                $"{name} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var type = parameter.ParameterType;
            if (type == typeof(CancellationToken))
            {
                if (i != parameters.Length - 1)
                {
                    throw new InvalidGrainInterfaceException($"{name}: a CancellationToken must be the last parameter.");
                }

                continue;
            }

            var reason = WhyNotSerializable(type);
            if (reason is not null)
            {
                throw new InvalidGrainInterfaceException(
                    $"{name}: parameter '{parameter.Name}' of type {type.Name} cannot be serialized ({reason}); pass data (records, primitives, grain references) instead.");
            }
        }
    }

    private static string? WhyNotSerializable(Type type)
    {
        if (type.IsByRef)
        {
            return "ref and out parameters cannot cross a silo boundary";
        }

        if (type.IsPointer || type == typeof(IntPtr) || type == typeof(UIntPtr))
        {
            return "pointers are process-local";
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return "delegates are process-local code";
        }

        if (typeof(Stream).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type))
        {
            return "streams and tasks are process-local";
        }

        if (type.IsByRefLike)
        {
            return "ref structs cannot be boxed or stored";
        }

        return null;
    }
}
