from django.urls import path

from liaison.agencies import auth_views, views

urlpatterns = [
    path("account/sign-in/", auth_views.SignInView.as_view(), name="login"),
    path("account/sign-out/", auth_views.SignOutView.as_view(), name="logout"),
    path("account/second-factor/", auth_views.SecondFactorView.as_view(), name="second_factor"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/password/", views.PasswordChange.as_view(), name="password_change"),
    path("account/sign-out-everywhere/", views.SignOutEverywhere.as_view(), name="sign_out_everywhere"),
    path("agencies/", views.AgencyList.as_view(), name="agency_list"),
    path("agencies/new/", views.AgencyCreate.as_view(), name="agency_create"),
    path("agencies/<int:pk>/", views.AgencyDetail.as_view(), name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.AgencyUpdate.as_view(), name="agency_update"),
    path("units/", views.UnitList.as_view(), name="unit_list"),
    path("units/new/", views.UnitCreate.as_view(), name="unit_create"),
    path("units/<int:pk>/", views.UnitDetail.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.UnitUpdate.as_view(), name="unit_update"),
    path("units/<int:pk>/delete/", views.UnitDelete.as_view(), name="unit_delete"),
    path("users/", views.UserList.as_view(), name="user_list"),
    path("users/new/", views.UserCreate.as_view(), name="user_create"),
    path("users/<int:pk>/", views.UserDetail.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", views.UserUpdate.as_view(), name="user_update"),
    path("users/<int:pk>/<slug:operation>/", views.UserAdminAction.as_view(), name="user_action"),
    path("roles/", views.RoleList.as_view(), name="role_list"),
    path("roles/<int:pk>/", views.RoleDetail.as_view(), name="role_detail"),
    path("roles/<int:pk>/edit/", views.RoleUpdate.as_view(), name="role_update"),
    path("api-tokens/", views.ApiTokenList.as_view(), name="api_token_list"),
    path("api-tokens/new/", views.ApiTokenCreate.as_view(), name="api_token_create"),
    path("api-tokens/<int:pk>/", views.ApiTokenDetail.as_view(), name="api_token_detail"),
    path("api-tokens/<int:pk>/revoke/", views.ApiTokenRevoke.as_view(), name="api_token_revoke"),
]
