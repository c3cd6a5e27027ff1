metadata description = 'Sign-in to the staff console: App Service built-in authentication (Easy Auth) with Microsoft Entra ID on the Function App. Anonymous requests still pass (subscriber pages, SendGrid webhook); the app requires the `Staff` app role on every /staff route and reads the principal header only when this is on.'

@description('Required. Name of the Function App.')
param functionAppName string

@description('Required. Application (client) ID of the Entra ID app registration that defines the `Staff` app role (docs/operations.md, Staff console sign-in).')
param clientId string

@description('Optional. Entra ID tenant of the app registration; default the deployment\'s tenant.')
param tenantId string = tenant().tenantId

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      // Subscribers and SendGrid never sign in: the platform lets anonymous requests through and the console
      // answers 401 / redirects to /.auth/login/aad itself.
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
          clientId: clientId
          // A Key Vault reference app setting (api.bicep): the secret is never in a template or a deployment.
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

@description('Whether staff sign-in is configured on the app.')
output enabled bool = auth.properties.platform.enabled
