using Visco.Runtime.Abstractions.Reminders;
using Visco.Runtime.Abstractions.Streams;
using Visco.Runtime.Abstractions.Timers;

namespace Visco.Runtime.Abstractions;

/// <summary>
/// What an activation offers the grain code running in it. The runtime implements it; grain authors reach it through
/// the protected members of <see cref="Grain"/>.
/// </summary>
public interface IGrainContext
{
    /// <summary>The identity of this activation's grain.</summary>
    GrainId GrainId { get; }

    /// <summary>Factory for references to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's services.</summary>
    IServiceProvider Services { get; }

    /// <summary>The silo's clock (a manual one in tests).</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Deactivate this activation once the current call completes.</summary>
    void DeactivateOnIdle();

    /// <summary>Keep this activation from being collected for at least the given time.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    /// <summary>Register a timer whose ticks run as turns of this activation; it dies with the activation.</summary>
    IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);

    /// <summary>Register or update a durable reminder that survives deactivation and restarts.</summary>
    Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Remove a reminder.</summary>
    Task UnregisterReminder(IGrainReminder reminder);

    /// <summary>The reminder with this name, or null.</summary>
    Task<IGrainReminder?> GetReminder(string reminderName);

    /// <summary>The stream provider registered under this name.</summary>
    IStreamProvider GetStreamProvider(string name);
}
