namespace Visco.Runtime.Abstractions;

/// <summary>
/// The grain has no identity-bound state: the runtime keeps up to <see cref="MaxLocalWorkers"/> activations per key in
/// each silo and sends a call to an idle one, creating another only when all are busy.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>The most activations per key in one silo; 0 means one per processor.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers > 0 ? maxLocalWorkers : Environment.ProcessorCount;
}
