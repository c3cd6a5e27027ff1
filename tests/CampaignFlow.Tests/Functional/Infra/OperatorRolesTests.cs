using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using CampaignFlow.Tests.Infra;

namespace CampaignFlow.Tests.Functional.Infra;

/// <summary>The operators' own data-plane roles come from the template (an Entra group), not from clicks in the portal.</summary>
public sealed class OperatorRolesTests
{
    public static TheoryData<string, string> OperatorRoles => new()
    {
        { "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor" },
        { "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor" },
        { "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor" },
    };

    [Theory]
    [MemberData(nameof(OperatorRoles))]
    public void AssignsTheDataRoleToTheOperatorsGroup(string roleDefinitionGuid, string roleName)
    {
        var compiled = BicepTemplate.Compiled();
        var rbac = compiled["resources"]!["rbac"]!["properties"]!;
        var template = rbac["template"]!.AsObject();
        string RoleGuid(JsonObject assignment)
        {
            var expression = (string)assignment["properties"]!["roleDefinitionId"]!;
            var match = Regex.Match(expression, @"variables\('roles'\)\.(\w+)");
            return match.Success ? (string)template["variables"]!["roles"]![match.Groups[1].Value]! : expression;
        }

        var assignment = BicepTemplate.ResourcesOfType(template, "Microsoft.Authorization/roleAssignments").SingleOrDefault(a =>
            RoleGuid(a).Contains(roleDefinitionGuid, StringComparison.OrdinalIgnoreCase)
            && (string?)a["properties"]!["principalId"] == "[parameters('operatorsGroupId')]");

        Assert.True(assignment is not null, $"{roleName} ({roleDefinitionGuid}) is not assigned to the operators group");
        Assert.Equal("Group", (string?)assignment!["properties"]!["principalType"]);
        Assert.Equal("[not(empty(parameters('operatorsGroupId')))]", (string?)assignment["condition"]);
        Assert.Matches(@"^\[guid\(resourceId\('Microsoft.Storage/storageAccounts', parameters\('storageAccountName'\)\), parameters\('operatorsGroupId'\), variables\('roles'\)\.\w+\)\]$", (string?)assignment["name"]);
        Assert.Equal("[parameters('operatorsGroupId')]", (string?)rbac["parameters"]!["operatorsGroupId"]!["value"]);
        Assert.Equal("", (string?)compiled["parameters"]!["operatorsGroupId"]!["defaultValue"]);
    }
}
