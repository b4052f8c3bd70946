using System.Reflection;
using Microsoft.Extensions.Logging;
using Visco.Runtime.Abstractions;
using Visco.Runtime.Abstractions.State;
using Visco.Runtime.State;

namespace Visco.Runtime.Catalog;

/// <summary>
/// Constructs grain instances: constructor parameters come from the silo's services, except those marked
/// <see cref="PersistentStateAttribute"/>, which are bound to the grain's state records.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainStorageRegistry storages, ILogger logger)
{
    /// <summary>Creates the grain and returns the states the activation must load before OnActivateAsync.</summary>
    public (Grain Grain, IReadOnlyList<IBoundState> States) Create(GrainClassInfo info, GrainId grainId)
    {
        var constructor = info.ClassType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {info.ClassType.Name} has no public constructor.");
        var states = new List<IBoundState>();
        var arguments = constructor.GetParameters().Select(p => Resolve(info, grainId, p, states)).ToArray();
        try
        {
            return ((Grain)constructor.Invoke(arguments), states);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }

    private object? Resolve(GrainClassInfo info, GrainId grainId, ParameterInfo parameter, List<IBoundState> states)
    {
        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is not null)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"{info.ClassType.Name}: [PersistentState] parameter '{parameter.Name}' must be an IPersistentState<T>.");
            }

            var storageName = stateAttribute.StorageName ?? GrainStorageRegistry.DefaultName;
            var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
            var state = Activator.CreateInstance(stateType, grainId, stateAttribute.StateName, storageName, storages.Get(storageName), logger)!;
            states.Add((IBoundState)state);
            return state;
        }

        var service = services.GetService(parameter.ParameterType);
        if (service is not null)
        {
            return service;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        throw new InvalidOperationException(
            $"{info.ClassType.Name}: no service of type {parameter.ParameterType.Name} is registered for constructor parameter '{parameter.Name}'.");
    }
}
