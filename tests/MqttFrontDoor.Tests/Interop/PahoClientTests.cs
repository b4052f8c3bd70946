using Visco.MqttFrontDoor.Tests.Support;
using Visco.TestKit;

namespace Visco.MqttFrontDoor.Tests.Interop;

public sealed class PahoClientTests
{
    // Debian's interpreter: the python3 first on PATH may be another one without paho (see PACKAGES.md).
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, threading
        import paho.mqtt.client as mqtt
        port, version = int(sys.argv[1]), sys.argv[2]
        protocol = mqtt.MQTTv5 if version == "5" else mqtt.MQTTv311
        got = threading.Event()
        result = {}
        def on_message(client, userdata, message):
            result["m"] = (message.topic, message.payload.decode(), message.qos)
            got.set()
        client = mqtt.Client(client_id="paho-" + version, protocol=protocol)
        client.on_message = on_message
        client.connect("127.0.0.1", port, keepalive=30)
        client.loop_start()
        client.subscribe("paho/echo", qos=2)[0]
        import time
        for _ in range(100):
            if client.is_connected():
                break
            time.sleep(0.05)
        info = client.publish("paho/echo", "ping " + version, qos=1)
        info.wait_for_publish(timeout=10)
        if not got.wait(10):
            print("no message"); sys.exit(2)
        client.disconnect()
        client.loop_stop()
        print("%s|%s|%d" % result["m"])
        """;

    [RequiresToolFact(Python)]
    public async Task Paho_V311AndV5_SubscribePublishEcho()
    {
        await using var host = await FrontDoorHost.StartOpenAsync();
        foreach (var version in new[] { "3", "5" })
        {
            var (exit, output, error) = await ToolRunner.RunAsync(Python, "-c", Script, host.Port.ToString(), version);
            Assert.True(exit == 0, output + error);
            Assert.Equal($"paho/echo|ping {version}|1", output.Trim());
        }
    }
}
