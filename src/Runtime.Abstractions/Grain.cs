using Visco.Runtime.Abstractions.Reminders;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Abstractions.Timers;

namespace Visco.Runtime.Abstractions;

/// <summary>
/// Base class of every grain implementation. The runtime constructs it (dependencies by constructor injection,
/// <see cref="State.PersistentStateAttribute"/> parameters bound to this grain), loads its state, then calls
/// <see cref="OnActivateAsync"/>. Grain code runs one turn at a time on its activation: it never needs a lock.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The activation this grain runs in. Set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException(
            "This grain was not created by the runtime: get grains through IGrainFactory.GetGrain, never 'new'.");
        internal set => _context = value;
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>Factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => GrainContext.Services;

    /// <summary>Called once per activation after state is loaded and before the first call runs.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once when the activation is deactivated gracefully (idle, requested or shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>The string key of this grain.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The Guid key of this grain.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "N");

    /// <summary>The integer key of this grain.</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Deactivate this activation once the current call completes.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <summary>Keep this activation alive for at least the given time.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>Register a timer whose ticks run as turns of this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(
        Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Register or update a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterOrUpdateReminder(reminderName, dueTime, period);

    /// <summary>Remove a reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder) => GrainContext.UnregisterReminder(reminder);

    /// <summary>The reminder with this name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => GrainContext.GetReminder(reminderName);

    /// <summary>The stream provider registered under this name.</summary>
    protected IStreamProvider GetStreamProvider(string name) => GrainContext.GetStreamProvider(name);
}
