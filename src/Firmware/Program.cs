using System.CommandLine;
using Visco.Firmware.Cli;

// visco-device: the analyser agent (run) and the fleet simulator (simulate). See README.md.
var root = new RootCommand("ViscoOrleans analyser agent and fleet simulator")
{
    RunCommand.Create(),
    SimulateCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
