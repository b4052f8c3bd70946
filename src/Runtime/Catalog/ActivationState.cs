namespace Visco.Runtime.Catalog;

/// <summary>Where an activation is in its life.</summary>
internal enum ActivationState
{
    /// <summary>Constructing the grain, loading state, running OnActivateAsync; calls wait.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Waiting for running calls to finish, then running OnDeactivateAsync; new calls wait for the next activation.</summary>
    Deactivating,

    /// <summary>Gone: calls that reach it are sent on to a new activation.</summary>
    Invalid,
}
