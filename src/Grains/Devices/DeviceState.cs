using Visco.Grains.Interfaces.Devices;
using Visco.Grains.Interfaces.Fleet;
using Visco.Grains.Interfaces.Measurements;

namespace Visco.Grains.Devices;

/// <summary>
/// A device grain's durable state. Registration fields, commands and the desired configuration are written at once;
/// counters and the dedup window lazily.
/// </summary>
public sealed class DeviceState
{
    /// <summary>The hospital; null until registered.</summary>
    public string? HospitalId { get; set; }

    /// <summary>Registry status.</summary>
    public DeviceStatus Status { get; set; }

    /// <summary>PBKDF2 hash of the current secret; null for a certificate-only device.</summary>
    public string? SecretHash { get; set; }

    /// <summary>Issued client certificates.</summary>
    public List<CertificateEntry> Certificates { get; set; } = [];

    /// <summary>When it was registered.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>Who registered it.</summary>
    public string? RegisteredBy { get; set; }

    /// <summary>When it was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Why and by whom it was revoked.</summary>
    public string? RevokedReason { get; set; }

    /// <summary>When it was last re-provisioned (its credentials retired, waiting for its hospital's claim).</summary>
    public DateTimeOffset? ReprovisionedAt { get; set; }

    /// <summary>Why and by whom it was last re-provisioned.</summary>
    public string? ReprovisionedReason { get; set; }

    /// <summary>Whether it has a live connection.</summary>
    public bool Online { get; set; }

    /// <summary>Last connect, disconnect or publish.</summary>
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Firmware it last reported.</summary>
    public string? Firmware { get; set; }

    /// <summary>Configuration version it last reported, as it sent it.</summary>
    public string? ConfigurationVersion { get; set; }

    /// <summary>The highest configuration version it reported or confirmed, as a number.</summary>
    public long? ReportedConfigurationVersion { get; set; }

    /// <summary>The desired configuration; null until one is set.</summary>
    public DesiredConfiguration? DesiredConfiguration { get; set; }

    /// <summary>Open (queued or sent) commands in issue order; at most <see cref="CommandLimits.MaxOpen"/>.</summary>
    public List<DeviceCommandRecord> OpenCommands { get; set; } = [];

    /// <summary>Finished commands, oldest first; at most <see cref="CommandLimits.MaxHistory"/>.</summary>
    public List<DeviceCommandRecord> CommandHistory { get; set; } = [];

    /// <summary>The sequence of the last command issued.</summary>
    public long LastCommandSequence { get; set; }

    /// <summary>Status string it last reported in its state message.</summary>
    public string? ReportedStatus { get; set; }

    /// <summary>The last command it replied to, and when.</summary>
    public string? LastCommandId { get; set; }

    /// <summary>When it last replied to a command.</summary>
    public DateTimeOffset? LastCommandReplyAt { get; set; }

    /// <summary>Measurements accepted (written lazily: may lag after a crash).</summary>
    public long MeasurementCount { get; set; }

    /// <summary>The most recent accepted samples, oldest first, to answer resends after a reactivation.</summary>
    public List<MeasurementResult> RecentResults { get; set; } = [];
}
