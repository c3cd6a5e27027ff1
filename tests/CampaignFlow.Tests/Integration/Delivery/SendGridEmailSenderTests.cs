using System.Text.Json;
using CampaignFlow.Cli.Local;
using CampaignFlow.Cli.SendGridLoopback;
using CampaignFlow.Delivery;
using CampaignFlow.Tests.Support;
using Microsoft.Extensions.Options;
using SendGrid;
using CampaignFlow.Azure.Email;

namespace CampaignFlow.Tests.Integration.Delivery;

/// <summary>The real SendGrid client against a loopback endpoint that validates every body against the project's mail-send schema (cross-checked with SendGrid's official one where ../shared has it).</summary>
public sealed class SendGridEmailSenderTests
{
    private static readonly EmailMessage Message = new()
    {
        To = "reader@example.org",
        ToName = "Reader",
        Subject = "Alert: Convention on Cluster Munitions adopted",
        Html = "<p>Adopted</p>",
        Text = "Adopted",
        Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://alerts.example.org/api/unsubscribe?token=t>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
        Categories = ["alert"],
        CustomArgs = new Dictionary<string, string> { ["story_id"] = "s1", ["rule_version"] = "1.0" },
        Reference = "s1-r1",
    };

    private static SendGridEmailSender Sender(LoopbackSendGrid endpoint, string apiKey = SendGridEndpoint.ApiKey, string from = "alerts@example.org") =>
        new(new SendGridClient(new HttpClient(), new SendGridClientOptions { ApiKey = apiKey, Host = endpoint.Host }),
            Options.Create(new EmailOptions { FromAddress = from, FromName = "CMC alerts" }), TimeProvider.System);

    [Fact]
    public async Task SendsARequestThatConformsToSendGridsSchema()
    {
        await using var endpoint = await SendGridEndpoint.StartAsync();

        await Sender(endpoint).SendAsync(Message);

        var body = Assert.Single(endpoint.Accepted);
        Assert.Equal("alerts@example.org", body.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(Message.Subject, body.GetProperty("subject").GetString());
        var personalization = Assert.Single(body.GetProperty("personalizations").EnumerateArray());
        Assert.Equal("reader@example.org", personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal(["text/plain", "text/html"], body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
        // The SendGrid helper puts headers and custom args on the personalization: one set per recipient.
        Assert.Equal("List-Unsubscribe=One-Click", personalization.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString());
        Assert.Equal("s1", personalization.GetProperty("custom_args").GetProperty("story_id").GetString());
    }

    [Fact]
    public async Task RefusesAnInvalidSenderWith400AsAPermanentError()
    {
        await using var endpoint = await SendGridEndpoint.StartAsync();

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender(endpoint, from: "not an address").SendAsync(Message));

        Assert.True(error.Permanent);
        Assert.Contains("400", error.Message);
        Assert.Contains("email", error.Message);
        Assert.Empty(endpoint.Accepted);
    }

    [Fact]
    public async Task RefusesAWrongApiKeyWith401()
    {
        await using var endpoint = await SendGridEndpoint.StartAsync();

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender(endpoint, apiKey: "SG.wrong").SendAsync(Message));

        Assert.True(error.Permanent);
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task TreatsServerErrorsAsTransient()
    {
        await using var endpoint = await SendGridEndpoint.StartAsync();
        endpoint.Script.Enqueue(new ScriptedResponse(503));

        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => Sender(endpoint).SendAsync(Message));

        Assert.False(error.Permanent);
    }

    [Fact]
    public async Task TheEndpointRejectsABodyWithoutContentInSendGridsErrorShape()
    {
        await using var endpoint = await SendGridEndpoint.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", SendGridEndpoint.ApiKey);

        var response = await http.PostAsync($"{endpoint.Host}/v3/mail/send", new StringContent(
            """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"b@example.org"},"subject":"s"}""",
            System.Text.Encoding.UTF8,
            "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(error.RootElement.GetProperty("errors").GetArrayLength() > 0);
        Assert.True(error.RootElement.GetProperty("errors")[0].TryGetProperty("message", out _));
    }

    /// <summary>Bodies each schema must accept or refuse: CampaignFlow's real request and hand-made faults.</summary>
    public static TheoryData<string, bool> Bodies => new()
    {
        { """{"personalizations":[{"to":[{"email":"a@example.org"}],"custom_args":{"story_id":"s1"},"headers":{"List-Unsubscribe":"<https://x.example/u>"}}],"from":{"email":"b@example.org","name":"CMC"},"subject":"s","content":[{"type":"text/plain","value":"t"},{"type":"text/html","value":"<p>t</p>"}]}""", true },
        { """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"subject":"no from","content":[{"type":"text/plain","value":"t"}]}""", false },
        { """{"personalizations":[{"to":[{"email":"not an address"}]}],"from":{"email":"b@example.org"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}""", false },
        { """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"b@example.org"},"subject":"","content":[{"type":"text/plain","value":"t"}]}""", false },
        { """{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"b@example.org"},"subject":"s","content":[{"type":"text/plain"}]}""", false },
        { """{"personalizations":[{"cc":[{"email":"a@example.org"}]}],"from":{"email":"b@example.org"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}""", false },
        { """{"personalizations":[{"to":[{"email":"a@example.org"}],"substitutions":{"-name-":5}}],"from":{"email":"b@example.org"},"subject":"s","content":[{"type":"text/plain","value":"t"}]}""", false },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void TheProjectsOwnSchemaJudgesBodiesAsSendGridDocumentsThem(string json, bool valid)
    {
        using var body = JsonDocument.Parse(json);

        Assert.Equal(valid, MailSendSchema.BuiltIn.Validate(body.RootElement).Count == 0);
    }

    [SharedTheory(SendGridEndpoint.SchemaPath)]
    [MemberData(nameof(Bodies))]
    public void TheProjectsOwnSchemaAgreesWithSendGridsOfficialOne(string json, bool valid)
    {
        using var body = JsonDocument.Parse(json);
        var official = MailSendSchema.Load(RepositoryRoot.Shared(SendGridEndpoint.SchemaPath)!);

        Assert.Equal(valid, official.Validate(body.RootElement).Count == 0);
        Assert.Equal(valid, MailSendSchema.BuiltIn.Validate(body.RootElement).Count == 0);
    }

    [SharedFact(SendGridEndpoint.SchemaPath)]
    public async Task WhatCampaignFlowSendsPassesBothSchemas()
    {
        await using var endpoint = await SendGridEndpoint.StartAsync();
        await Sender(endpoint).SendAsync(Message);
        var official = MailSendSchema.Load(RepositoryRoot.Shared(SendGridEndpoint.SchemaPath)!);

        var body = Assert.Single(endpoint.Accepted);

        Assert.Empty(official.Validate(body));
        Assert.Empty(MailSendSchema.BuiltIn.Validate(body));
    }
}
