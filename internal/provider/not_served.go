package provider

import (
	"cmp"
	"fmt"
	"net/http"
	"strings"

	"github.com/processout/terraform-provider-processout/internal/processout"
)

// notServedDetail explains a 404 that names no object, or a 410 Gone: it
// never means the object is gone (nothing leaves state for it), so the user
// learns which URL is not served, which setting points there, and, for the
// APIs ProcessOut does not publish or has withdrawn, the way around them.
func notServedDetail(apiErr *processout.Error) string {
	served := "is not served where the provider sent it"
	if apiErr.Status == http.StatusGone {
		served = "is gone (410: withdrawn) where the provider sent it"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%v\nThis %d does not say the object is gone (ProcessOut names the missing object in its answer, such as %s): "+
		"%s %s %s, so nothing was removed from state. "+
		"Check processout_api_url (direct transport) or the Membrane connection (connection_id) the provider uses.",
		apiErr, apiErr.Status, cmp.Or(apiErr.NotFoundType, "resource.<kind>.not-found"), apiErr.Method, apiErr.Path, served)
	switch kind, _, _ := strings.Cut(apiErr.Operation, "."); kind {
	case "webhook_endpoint":
		b.WriteString("\nProcessOut publishes no API for webhook endpoints. Route the webhook_endpoint.* operations " +
			"(create, read, update, delete, list) to Membrane actions with the provider's membrane_actions setting " +
			"(the processout_membrane_actions data source finds their keys), or manage the endpoints in the ProcessOut dashboard.")
	case "applepay_certificate":
		b.WriteString("\nProcessOut's SDKs call these paths, but no public API reference documents them. Route the applepay_certificate.* operations " +
			"(create, list, delete) to Membrane actions with the provider's membrane_actions setting " +
			"(the processout_membrane_actions data source finds their keys), or manage the certificates in the ProcessOut dashboard.")
	case "project_sftp_settings":
		b.WriteString("\nProcessOut's SDKs read SFTP settings with this GET, but its API reference does not document it. Route " +
			"project_sftp_settings.read (and .save, .delete) to Membrane actions with the provider's membrane_actions setting, " +
			"or manage the settings in the ProcessOut dashboard.")
	case "gateway":
		b.WriteString("\nProcessOut publishes no API for its gateway catalog. Route gateway.list and gateway.read to Membrane " +
			"actions with the provider's membrane_actions setting; gateway configurations are managed without it.")
	case "plan", "coupon":
		fmt.Fprintf(&b, "\nProcessOut's newest Node SDK (11) dropped plans and coupons as unsupported features, while its Go and Python SDKs "+
			"still ship them: this project may no longer be served them. Check in the ProcessOut dashboard (Subscriptions) that %ss are still offered "+
			"to it; route the %s.* operations (create, read, update, delete, list) to Membrane actions with the provider's membrane_actions setting "+
			"if the connector has them; or stop managing them here: remove the resource from the configuration with a `removed` block "+
			"(or `terraform state rm`), which leaves ProcessOut as it is.", kind, kind)
	}
	return b.String()
}
