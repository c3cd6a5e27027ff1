using System.Text.Encodings.Web;
using System.Text.Unicode;
using CampaignFlow.Web.Http;
using CampaignFlow.Web.Staff;
using CampaignFlow.Web.Staff.Rules;
using CampaignFlow.Web.Staff.Stories;
using CampaignFlow.Web.Staff.Subscribers;
using CampaignFlow.Web.Subscriptions;
using CampaignFlow.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignFlow.Web;

/// <summary>Registers the HTTP surfaces both hosts serve; the Functions app binds them to functions, the local host to Kestrel.</summary>
public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddCampaignFlowWeb(this IServiceCollection services)
    {
        services.AddOptions<SendGridWebhookOptions>().BindConfiguration(SendGridWebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SendGridEventVerifier>();
        services.AddSingleton<ProviderEventService>();
        services.AddSingleton<ChoiceApplier>();
        services.AddSingleton<ConfirmationLinks>();
        services.AddSingleton<SignUpService>();
        services.AddSingleton<ConfirmationService>();
        services.AddSingleton<PreferenceService>();
        services.AddSingleton<FreshLinkService>();
        services.AddSingleton<SubscriptionHttp>();
        services.AddStaffConsole();
        services.AddCampaignFlowPages();
        return services;
    }

    /// <summary>The staff console: sign-in, the one door (<see cref="StaffConsole"/>) and the story module; other modules add themselves as <see cref="IStaffModule"/>.</summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffSignIn>();
        services.AddSingleton<StaffConsole>();
        services.AddSingleton<RecentStories>();
        services.AddSingleton<StoryTrails>();
        services.AddSingleton<IStaffModule, StoriesModule>();
        services.AddSingleton<EmailPreviews>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton<IStaffModule, SubscribersModule>();
        services.AddSingleton<RuleEditing>();
        services.AddSingleton<IStaffModule, RulesModule>();
        return services;
    }

    /// <summary>
    /// What rendering the pages needs in the container that serves the request: Razor components (static server
    /// rendering only) and an HTML encoder that escapes markup but leaves letters such as ø, é and ’ readable.
    /// </summary>
    public static IServiceCollection AddCampaignFlowPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.TryAddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        return services;
    }
}
