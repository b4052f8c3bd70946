using Microsoft.Extensions.Options;

namespace Visco.Dashboard;

/// <summary>Refuses settings the dashboard cannot honour, at start-up, saying which key to fix and how.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Access))
        {
            errors.Add($"{DashboardOptions.SectionName}:Access must be Auto, Loopback or Role.");
        }

        if (string.IsNullOrWhiteSpace(options.Role))
        {
            errors.Add($"{DashboardOptions.SectionName}:Role is empty; name the role operators carry in their token (e.g. 'ops').");
        }

        if (options.SampleInterval < TimeSpan.FromMilliseconds(100) || options.SampleInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{DashboardOptions.SectionName}:SampleInterval is {options.SampleInterval}; use between 00:00:00.1 and 00:01:00 (e.g. 00:00:01).");
        }

        if (options.History < options.SampleInterval || options.History > TimeSpan.FromHours(6))
        {
            errors.Add($"{DashboardOptions.SectionName}:History is {options.History}; use at least one SampleInterval and at most 06:00:00 (e.g. 00:10:00).");
        }

        if (options.Linger < TimeSpan.Zero || options.Linger > TimeSpan.FromHours(1))
        {
            errors.Add($"{DashboardOptions.SectionName}:Linger is {options.Linger}; use between 00:00:00 and 01:00:00 (e.g. 00:00:30).");
        }

        if (options.MaxLiveClients is < 1 or > 10_000)
        {
            errors.Add($"{DashboardOptions.SectionName}:MaxLiveClients is {options.MaxLiveClients}; use between 1 and 10000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
