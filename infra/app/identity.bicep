metadata description = 'The user-assigned managed identity the Function App runs as: storage, Key Vault references and Application Insights ingestion all authenticate with it.'

@description('Required. Name of the user-assigned managed identity.')
param name string

@description('Required. Azure region of the identity.')
param location string

@description('Optional. Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('The resource ID of the identity (for `identity.userAssignedIdentities` and `keyVaultReferenceIdentity`).')
output resourceId string = identity.id

@description('The client ID of the identity (for `AzureWebJobsStorage__clientId`, `Storage__ClientId` and the App Insights authentication string).')
output clientId string = identity.properties.clientId

@description('The principal (object) ID of the identity, the subject of its role assignments.')
output principalId string = identity.properties.principalId

@description('The name of the identity.')
output name string = identity.name
