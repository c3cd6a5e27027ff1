metadata description = 'The CampaignFlow Function App on the Flex Consumption plan (FC1, dotnet-isolated 10.0), running as a user-assigned identity, with every app setting the app reads. Secrets come only through Key Vault references.'

@description('Required. A feed the poller reads: becomes `Feeds__Sources__<i>__Name`, `__Url` and `__Language`.')
type feedSource = {
  @description('Required. Short stable name, used in feed state and in `feed.health` events.')
  name: string

  @description('Required. Absolute https URL of the RSS or Atom feed.')
  url: string

  @description('Required. ISO 639-1 language of the feed (`en`, `no`).')
  language: string
}

@description('Required. Name of the Function App (also its default host name prefix).')
param name string

@description('Required. Name of the Flex Consumption plan.')
param planName string

@description('Required. Azure region of the plan and the app.')
param location string

@description('Optional. Tags applied to the plan and the app; the app also gets `azd-service-name`.')
param tags object = {}

@description('Required. azd service name in azure.yaml; azd finds the app by the `azd-service-name` tag.')
param serviceName string

@description('Required. Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Required. Client ID of the user-assigned identity.')
param identityClientId string

@description('Required. Name of the storage account (host storage, deployment package, app data).')
param storageAccountName string

@description('Required. Blob container holding the deployment package.')
param deploymentContainerName string

@description('Required. Name of the Key Vault holding `SendGridApiKey` and `TokenSigningKey`.')
param keyVaultName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Memory per instance in MB (Flex Consumption: 512, 2048 or 4096).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound of instances; keeps a burst (and its SendGrid and storage traffic) bounded.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Required. The feeds to poll.')
param feeds feedSource[]

@description('Required. NCRONTAB schedule of the PollNewsFeed timer (`PollNewsFeed__Schedule`).')
param pollSchedule string

@description('Required. NCRONTAB schedule of the SendDigest timer (`SendDigest__Schedule`, UTC).')
param digestSchedule string

@description('Required. Sender address of every email (`Email__FromAddress`); must be an authenticated sender in SendGrid.')
param senderAddress string

@description('Required. Sender display name (`Email__FromName`).')
param senderName string

@description('Optional. SendGrid signed event webhook verification public key (`SendGrid__WebhookVerificationKey`); not a secret. Empty until the webhook is configured.')
param sendGridWebhookVerificationKey string = ''

@description('Optional. Public https base URL for links in emails (`Email__PublicBaseUrl`). Empty: the app\'s default host name.')
param publicBaseUrl string = ''

@description('Required. Kill switch (`Sending__Paused`): true stops all email sending; deliveries wait in the queue.')
param sendingPaused bool

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId // resolve @Microsoft.KeyVault(...) settings as the user-assigned identity
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Deployment goes through Microsoft Entra ID (azd, az, func); no publishing user or password.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

// Feeds as Feeds__Sources__<i>__Name / __Url / __Language, the shape .NET configuration binds to a list.
var feedSettings = reduce(
  range(0, length(feeds)),
  {},
  (settings, i) =>
    union(settings, {
      'Feeds__Sources__${i}__Name': feeds[i].name
      'Feeds__Sources__${i}__Url': feeds[i].url
      'Feeds__Sources__${i}__Language': feeds[i].language
    })
)

// The whole set is replaced on every deployment: a setting added by hand in the portal is lost on the next
// `azd provision`, so every setting the app reads is here (and in the README settings table).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage through the user-assigned identity (no AzureWebJobsStorage connection string).
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // The app's own storage clients (AddAzureClients + ManagedIdentityCredential with this client ID).
    Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
    Storage__QueueServiceUri: storage.properties.primaryEndpoints.queue
    Storage__TableServiceUri: storage.properties.primaryEndpoints.table
    Storage__ClientId: identityClientId
    // Telemetry with Microsoft Entra ingestion (the component has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // Timers.
    PollNewsFeed__Schedule: pollSchedule
    SendDigest__Schedule: digestSchedule
    // Email.
    SendGrid__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=SendGridApiKey)'
    Email__FromAddress: senderAddress
    Email__FromName: senderName
    SendGrid__WebhookVerificationKey: sendGridWebhookVerificationKey
    Tokens__SigningKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=TokenSigningKey)'
    // The key before the last 'campaignflow keys rotate', accepted until its grace period ends; unresolved (no secret yet) means none.
    Tokens__PreviousSigningKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=TokenSigningKeyPrevious)'
    Email__PublicBaseUrl: !empty(publicBaseUrl) ? publicBaseUrl : 'https://${site.properties.defaultHostName}'
    Sending__Paused: sendingPaused ? 'true' : 'false'
    // The active classifier rule set lives in the config container (hot reload, history, rollback).
    Classification__UseBlobStorage: 'true'
    // The staff console signs people in with App Service authentication (staffauth.bicep), whose Entra ID client
    // secret is this Key Vault reference (unresolved until the secret is set, which leaves sign-in unusable, not open).
    Staff__SignIn: 'EasyAuth'
    MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=StaffAuthClientSecret)'
    ...feedSettings
  }
}

@description('The name of the Function App.')
output name string = site.name

@description('The resource ID of the Function App.')
output resourceId string = site.id

@description('The https URL of the Function App.')
output uri string = 'https://${site.properties.defaultHostName}'

@description('The name of the Flex Consumption plan.')
output planName string = plan.name
