metadata description = 'Key Vault (RBAC authorization, soft delete) for the SendGrid API key and the token-signing key. Each secret is written at most once per vault, so a provision never undoes a rotation (docs/operations.md).'

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

@description('Optional. The SendGrid API key (Mail Send permission only), stored as secret `SendGridApiKey` unless `sendGridApiKeyVault` says this vault already has it. Empty: not written, set it later.')
@secure()
param sendGridApiKey string = ''

@description('Optional. The vault into which an earlier deployment wrote `SendGridApiKey`. Equal to `name`: the key is not written again, so a key rotated in Key Vault stays.')
param sendGridApiKeyVault string = ''

@description('Optional. Whether to create `TokenSigningKey` (from `newTokenSigningKey`) unless `tokenSigningKeyVault` says this vault already has it.')
param createTokenSigningKey bool = false

@description('Optional. The vault in which an earlier deployment created `TokenSigningKey`. Equal to `name`: the key is left alone, so `campaignflow keys rotate` is never undone.')
param tokenSigningKeyVault string = ''

@description('Optional. The value of a newly created `TokenSigningKey` (at least 32 characters of randomness).')
@secure()
param newTokenSigningKey string = ''

// A secret is written once per vault: never again on a later provision (which would undo a rotation), but again into a
// new vault (a new name salt after `azd down`). The deployment outputs say where each secret already is.
var writeSendGridApiKey = !empty(sendGridApiKey) && sendGridApiKeyVault != name
var writeTokenSigningKey = createTokenSigningKey && !empty(newTokenSigningKey) && tokenSigningKeyVault != name

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

  resource sendGridApiKeySecret 'secrets' = if (writeSendGridApiKey) {
    name: 'SendGridApiKey'
    properties: {
      value: sendGridApiKey
      contentType: 'text/plain'
    }
  }

  resource tokenSigningKeySecret 'secrets' = if (writeTokenSigningKey) {
    name: 'TokenSigningKey'
    properties: {
      value: newTokenSigningKey
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

@description('The vault that holds `SendGridApiKey` written by this or an earlier deployment, or empty. azd keeps it as `CAMPAIGNFLOW_SENDGRID_API_KEY_VAULT` and passes it back as `sendGridApiKeyVault`.')
output sendGridApiKeyVault string = writeSendGridApiKey || sendGridApiKeyVault == name ? name : ''

@description('The vault that holds `TokenSigningKey` created by this or an earlier deployment, or empty. azd keeps it as `CAMPAIGNFLOW_TOKEN_SIGNING_KEY_VAULT` and passes it back as `tokenSigningKeyVault`.')
output tokenSigningKeyVault string = writeTokenSigningKey || tokenSigningKeyVault == name ? name : ''
