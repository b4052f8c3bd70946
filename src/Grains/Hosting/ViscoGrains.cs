using System.Reflection;
using Visco.Grains.Devices;

namespace Visco.Grains.Hosting;

/// <summary>Where the silo finds the domain's grain classes.</summary>
public static class ViscoGrains
{
    /// <summary>The assembly holding the domain grains (register it with the silo).</summary>
    public static Assembly Assembly => typeof(DeviceGrain).Assembly;
}
