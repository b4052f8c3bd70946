using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Visco.Runtime.Abstractions;

namespace Visco.Runtime.Invocation;

/// <summary>
/// The method table of one grain interface (its own methods and those it inherits), built once per interface by
/// reflection and compiled expression trees, and checked against the grain-interface contract as it is built.
/// </summary>
internal sealed class GrainInterfaceInfo
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> Cache = new();

    private readonly Dictionary<MethodInfo, GrainMethod> _byMethod;
    private readonly Dictionary<string, GrainMethod> _byAlias;

    private GrainInterfaceInfo(Type interfaceType, string alias, List<GrainMethod> methods)
    {
        InterfaceType = interfaceType;
        Alias = alias;
        _byMethod = methods.ToDictionary(m => m.Method);
        _byAlias = methods.ToDictionary(m => m.InterfaceAlias + "." + m.Alias, StringComparer.Ordinal);
    }

    /// <summary>The interface.</summary>
    public Type InterfaceType { get; }

    /// <summary>The interface's wire name.</summary>
    public string Alias { get; }

    /// <summary>The table for an interface, built on first use.</summary>
    /// <exception cref="InvalidGrainInterfaceException">The interface breaks the grain-interface contract.</exception>
    public static GrainInterfaceInfo For(Type interfaceType) => Cache.GetOrAdd(interfaceType, Build);

    /// <summary>The runtime's view of an interface method.</summary>
    public GrainMethod this[MethodInfo method] =>
        _byMethod.TryGetValue(method, out var grainMethod)
            ? grainMethod
            : throw new InvalidGrainInterfaceException($"{method.Name} is not a method of grain interface {InterfaceType.Name}.");

    /// <summary>Finds a method by its wire name (<c>interfaceAlias.methodAlias</c>), for messages from another silo.</summary>
    public GrainMethod? FindByAlias(string qualifiedAlias) => _byAlias.GetValueOrDefault(qualifiedAlias);

    private static GrainInterfaceInfo Build(Type interfaceType)
    {
        if (!interfaceType.IsInterface || !typeof(IGrain).IsAssignableFrom(interfaceType))
        {
            throw new InvalidGrainInterfaceException($"{interfaceType.FullName} is not a grain interface (an interface deriving from IGrain).");
        }

        if (interfaceType.IsGenericTypeDefinition)
        {
            throw new InvalidGrainInterfaceException($"{interfaceType.FullName} is an open generic interface; close it before use.");
        }

        var methods = new List<GrainMethod>();
        foreach (var type in interfaceType.GetInterfaces().Prepend(interfaceType))
        {
            var typeAlias = AliasOf(type);
            var overloads = type.GetMethods().GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Count());
            foreach (var method in type.GetMethods())
            {
                var alias = method.GetCustomAttribute<AliasAttribute>()?.Alias
                    ?? (overloads[method.Name] == 1
                        ? method.Name
                        : $"{method.Name}({string.Join(",", method.GetParameters().Select(p => p.ParameterType.Name))})");
                methods.Add(CreateMethod(type, typeAlias, method, alias));
            }
        }

        return new GrainInterfaceInfo(interfaceType, AliasOf(interfaceType), methods);
    }

    private static string AliasOf(Type type) =>
        type.GetCustomAttribute<AliasAttribute>()?.Alias ?? type.FullName ?? type.Name;

    private static GrainMethod CreateMethod(Type declaring, string interfaceAlias, MethodInfo method, string alias)
    {
        GrainInterfaceValidator.Validate(declaring, method);
        var interleave = method.GetCustomAttribute<AlwaysInterleaveAttribute>() is not null;
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, declaring), method, parameters);

        var returnType = method.ReturnType;
        var returnsValueTask = returnType == typeof(ValueTask)
            || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>));
        if (returnsValueTask)
        {
            call = Expression.Call(call, returnType.GetMethod(nameof(ValueTask.AsTask))!);
        }

        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            var invoker = Expression.Lambda<Func<object, object?[], Task>>(call, grain, args).Compile();
            return new VoidGrainMethod(method, interfaceAlias, alias, interleave, invoker, returnsValueTask);
        }

        var resultType = returnType.GetGenericArguments()[0];
        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(object), typeof(object?[]), typeof(Task<>).MakeGenericType(resultType));
        var typedInvoker = Expression.Lambda(delegateType, call, grain, args).Compile();
        var methodType = typeof(GrainMethod<>).MakeGenericType(resultType);
        return (GrainMethod)Activator.CreateInstance(
            methodType, method, interfaceAlias, alias, interleave, typedInvoker, returnsValueTask)!;
    }
}
