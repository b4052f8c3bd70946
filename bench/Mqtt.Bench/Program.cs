using Visco.Mqtt.Bench;
using Visco.MqttFrontDoor;

// Verbs:
//   all     [--connections 8] [--rate 10000] [--seconds 10] [--idle 10000] [--preauth 2000] [--inline] the side-by-side run
//   server  [--port 18830] [--mode device|open] [--connect-timeout 10] [--inline]                        our front door alone
//   hold    --port P [--count 10000] [--device]      idle authenticated connections, held until killed
//   load    --port P [--connections 8] [--rate 0] [--seconds 10] [--window 16] [--payload 250] [--device]
var verb = args.Length > 0 ? args[0] : "all";
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

switch (verb)
{
    case "server":
        await BenchServer.RunAsync(
            int.Parse(Option("port", "18830")),
            Option("mode", "device") == "open" ? MqttFrontDoorMode.Open : MqttFrontDoorMode.Device,
            int.Parse(Option("connect-timeout", "10")),
            args.Contains("--inline"));
        break;
    case "load":
        var result = await LoadGenerator.RunAsync(new LoadSettings(
            Option("host", "127.0.0.1"),
            int.Parse(Option("port", "18830")),
            int.Parse(Option("connections", "8")),
            double.Parse(Option("rate", "0")),
            TimeSpan.FromSeconds(double.Parse(Option("seconds", "10"))),
            int.Parse(Option("window", "16")),
            int.Parse(Option("payload", "250")),
            args.Contains("--device")));
        Console.WriteLine(result);
        break;
    case "hold":
        var held = await LoadGenerator.ConnectAsync(
            new LoadSettings(Option("host", "127.0.0.1"), int.Parse(Option("port", "18830")), 0, 0, TimeSpan.Zero, 0, 0, args.Contains("--device")),
            int.Parse(Option("count", "10000")),
            "idle");
        Console.WriteLine($"held {held.Count}");
        await Task.Delay(Timeout.Infinite);
        break;
    case "all":
        await Orchestrator.RunAsync(
            int.Parse(Option("connections", "8")),
            double.Parse(Option("rate", "10000")),
            int.Parse(Option("seconds", "10")),
            int.Parse(Option("idle", "10000")),
            int.Parse(Option("preauth", "2000")),
            args.Contains("--inline"));
        break;
    default:
        Console.Error.WriteLine($"unknown verb {verb}: use all, server, hold or load");
        return 2;
}

return 0;
