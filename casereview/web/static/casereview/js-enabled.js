// Lets GOV.UK Frontend style for JavaScript before its module loads (kept external for the CSP).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
