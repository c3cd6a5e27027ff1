metadata description = 'Least-privilege data-plane roles for the Function App identity (and optionally the deploying user and the operators\' Entra group) on the storage account, the Key Vault and Application Insights. Assignment names are guid(scope.id, principalId, roleId), so redeploys are idempotent.'

@description('Required. Name of the storage account the roles are scoped to.')
param storageAccountName string

@description('Required. Name of the Key Vault the secret roles are scoped to.')
param keyVaultName string

@description('Required. Name of the Application Insights component the Monitoring Metrics Publisher role is scoped to.')
param applicationInsightsName string

@description('Required. Principal (object) ID of the Function App user-assigned identity.')
param appPrincipalId string

@description('Optional. Principal (object) ID of the deploying user, for the runbook commands and for setting secrets. Empty: no user roles.')
param userPrincipalId string = ''

@description('Optional. Principal type of `userPrincipalId`: `User` for a person running azd, `ServicePrincipal` for a pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param userPrincipalType string = 'User'

@description('Optional. Object ID of the operators\' Microsoft Entra group: its members get blob, queue and table data roles on the storage account for the runbook commands and the portal\'s storage browser. Empty: no group roles.')
param operatorsGroupId string = ''

// Built-in role definition IDs (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles)
var roles = {
  // Storage Blob Data Owner: the Functions host (AzureWebJobsStorage) takes blob leases for timer singletons,
  // keeps host keys and state in blobs, and Flex Consumption reads the deployment package; the app reads the rules blob.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Blob Data Contributor: the deploying user and the operators upload rules and templates to `config` and read exports.
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Storage Queue Data Contributor: queue triggers (read, process, delete), queue outputs (send), and the host
  // creating `-poison` queues. It contains Message Processor (8a0f0c08-91a1-4084-bc3d-661d67233fed) and
  // Message Sender (c6a89b2d-59bc-44d0-9896-0f6e12d7b80a), which alone cannot create the poison queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: feed state, story ledger, subscribers, delivery ledger.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Key Vault Secrets User: read secret values for the Key Vault references in app settings.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Key Vault Secrets Officer: the deploying user sets and rotates the secrets.
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // Monitoring Metrics Publisher: send telemetry to Application Insights with local auth disabled.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// --- The Function App identity ---

resource appBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    description: 'CampaignFlow app: Functions host state, deployment package, rules blob'
  }
}

resource appQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    description: 'CampaignFlow app: queue triggers and outputs, poison queues'
  }
}

resource appTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    description: 'CampaignFlow app: feed state, ledgers, subscribers'
  }
}

resource appKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    description: 'CampaignFlow app: Key Vault references in app settings'
  }
}

resource appMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    description: 'CampaignFlow app: Microsoft Entra telemetry ingestion'
  }
}

// --- The deploying user (optional): runbook commands and secrets ---

resource userBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    description: 'CampaignFlow operator: rules blob, runbook commands'
  }
}

resource userQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    description: 'CampaignFlow operator: queues status, poison list/show/replay/discard'
  }
}

resource userTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    description: 'CampaignFlow operator: feed state, sending pause/resume, keys rotate'
  }
}

resource userKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    description: 'CampaignFlow operator: set and rotate SendGridApiKey and TokenSigningKey'
  }
}

// --- The operators' Entra group (optional): the same data roles as the deploying user, for everyone on call ---

resource operatorsBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupId)) {
  name: guid(storage.id, operatorsGroupId, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: operatorsGroupId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    description: 'CampaignFlow operators: rules and templates publish, subscriber exports'
  }
}

resource operatorsQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupId)) {
  name: guid(storage.id, operatorsGroupId, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: operatorsGroupId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    description: 'CampaignFlow operators: queues status, poison list/show/replay/discard'
  }
}

resource operatorsTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupId)) {
  name: guid(storage.id, operatorsGroupId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: operatorsGroupId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    description: 'CampaignFlow operators: feed state, sending pause/resume, subscribers'
  }
}

@description('The role definition IDs (GUIDs) assigned to the Function App identity.')
output appRoleDefinitionIds string[] = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
  roles.keyVaultSecretsUser
  roles.monitoringMetricsPublisher
]
