namespace Visco.Runtime.Abstractions;

/// <summary>Implemented by every grain reference: the identity it points to.</summary>
public interface IAddressable
{
    /// <summary>The grain this reference calls.</summary>
    GrainId GrainId { get; }
}
