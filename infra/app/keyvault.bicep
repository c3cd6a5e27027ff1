metadata description = 'Key Vault (RBAC authorization, soft delete) for the SendGrid API key and the token-signing key. A secret whose value is empty here is not written: the operator sets it later (docs/operations.md).'

@description('Required. Name of the Key Vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region of the Key Vault.')
param location string

@description('Optional. Tags applied to the Key Vault.')
param tags object = {}

@description('Optional. Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Optional. Purge protection: a deleted vault cannot be purged before the retention ends. Once on it cannot be turned off; turn it off for throw-away environments.')
param enablePurgeProtection bool = true

@description('Optional. The SendGrid API key (Mail Send permission only), stored as secret `SendGridApiKey`. Empty: not written, set it later.')
@secure()
param sendGridApiKey string = ''

@description('Optional. The token-signing key (base64, at least 32 random bytes), stored as secret `TokenSigningKey`. Empty: not written, set it later.')
@secure()
param tokenSigningKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: enablePurgeProtection ? true : null // the API accepts only true or absent
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  // Skipped when empty, so that a redeploy without the value never blanks a secret the operator set.
  resource sendGridApiKeySecret 'secrets' = if (!empty(sendGridApiKey)) {
    name: 'SendGridApiKey'
    properties: {
      value: sendGridApiKey
      contentType: 'text/plain'
    }
  }

  resource tokenSigningKeySecret 'secrets' = if (!empty(tokenSigningKey)) {
    name: 'TokenSigningKey'
    properties: {
      value: tokenSigningKey
      contentType: 'text/plain'
    }
  }
}

@description('The name of the Key Vault (used in `@Microsoft.KeyVault(VaultName=…;SecretName=…)` references).')
output name string = vault.name

@description('The resource ID of the Key Vault (scope of the Key Vault Secrets User role).')
output resourceId string = vault.id

@description('The vault URI, e.g. `https://<name>.vault.azure.net/`.')
output uri string = vault.properties.vaultUri

@description('The name of the secret holding the SendGrid API key.')
output sendGridApiKeySecretName string = 'SendGridApiKey'

@description('The name of the secret holding the token-signing key.')
output tokenSigningKeySecretName string = 'TokenSigningKey'
